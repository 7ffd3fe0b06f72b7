package dev.assay.llm;

import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.service.output.JsonSchemas;
import java.util.List;
import java.util.Map;

/**
 * The JSON schema of one grading request. It starts from the schema LangChain4j derives from {@link
 * LlmGrade} and narrows two free strings to the values this request allows: a criterion must be one
 * of the rubric's keys and a citation's exemplar one of the exemplars shown (or null). A
 * constrained-decoding server (OpenAI strict mode, llama.cpp, vLLM) then cannot produce a reply
 * that fits the schema but names a criterion or exemplar the verifier would reject.
 */
public final class GradeSchema {
  /** The schema's name in {@code response_format.json_schema.name}. */
  public static final String NAME = "grade";

  private static final JsonObjectSchema BASE =
      (JsonObjectSchema) JsonSchemas.jsonSchemaFrom(LlmGrade.class).orElseThrow().rootElement();

  private GradeSchema() {}

  /** The schema for a rubric with {@code criterionKeys} and the exemplars {@code exemplarIds}. */
  public static JsonObjectSchema of(List<String> criterionKeys, List<String> exemplarIds) {
    if (criterionKeys.isEmpty()) {
      throw new IllegalArgumentException("a rubric has at least one criterion");
    }
    JsonArraySchema criteria = (JsonArraySchema) BASE.properties().get("criteria");
    JsonObjectSchema criterion = (JsonObjectSchema) criteria.items();
    JsonArraySchema citations = (JsonArraySchema) criterion.properties().get("citations");
    JsonObjectSchema citation = (JsonObjectSchema) citations.items();

    String idText = description(citation.properties().get("exemplarId"));
    JsonSchemaElement exemplarId =
        exemplarIds.isEmpty()
            ? new JsonNullSchema()
            : JsonAnyOfSchema.builder()
                .description(idText)
                .anyOf(
                    JsonEnumSchema.builder().enumValues(exemplarIds).build(), new JsonNullSchema())
                .build();
    JsonObjectSchema narrowedCitation =
        citation.toBuilder().addProperty("exemplarId", exemplarId).build();
    JsonObjectSchema narrowedCriterion =
        criterion.toBuilder()
            .addProperty(
                "criterion",
                JsonEnumSchema.builder()
                    .description(description(criterion.properties().get("criterion")))
                    .enumValues(criterionKeys)
                    .build())
            .addProperty("citations", array(citations.description(), narrowedCitation))
            .build();
    return BASE.toBuilder()
        .addProperty("criteria", array(criteria.description(), narrowedCriterion))
        .build();
  }

  /**
   * The schema as the OpenAI wire format carries it ({@code strict}: every property required, no
   * additional properties), converted by LangChain4j rather than written by hand.
   */
  public static Map<String, Object> wire(JsonObjectSchema schema) {
    return JsonSchemaElementUtils.toMap(schema, true);
  }

  private static JsonArraySchema array(String description, JsonSchemaElement items) {
    return JsonArraySchema.builder().description(description).items(items).build();
  }

  private static String description(JsonSchemaElement element) {
    return element instanceof JsonStringSchema s ? s.description() : null;
  }
}

package dev.assay.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.bank.CriterionSpec;
import dev.assay.bank.RubricSpec;
import dev.assay.exemplar.ExemplarMatch;
import dev.assay.exemplar.Label;
import dev.assay.llm.GradeSchema;
import dev.assay.llm.LlmClient.Message;
import dev.assay.llm.LlmConfig;
import dev.assay.llm.PromptLibrary;
import dev.assay.llm.PromptTokens;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The grading request for one answer: which retrieved exemplars the prompt shows (a few per label,
 * their texts and rationales cut to the configured length, so a 300-word answer stays within the
 * token budget), the rendered messages, the reply schema narrowed to this rubric's keys and these
 * exemplars' ids, and the prompt's size in tokens.
 */
@ApplicationScoped
@Startup
class LlmPrompt {
  private final LlmConfig.PromptBudget budget;
  private final ObjectMapper json;

  LlmPrompt(LlmConfig config, ObjectMapper json) {
    this.budget = config.prompt();
    this.json = json;
    if (config.enabled()) {
      // Loading the encoding takes a moment; not inside the first grade's deadline.
      PromptTokens.count("warm-up");
      GradeSchema.of(List.of("warm-up"), List.of());
    }
  }

  /** A rendered request and what it was rendered from. */
  record Rendered(
      List<Message> messages, List<ExemplarMatch> shown, JsonObjectSchema schema, int tokens) {
    List<String> exemplarIds() {
      return shown.stream().map(ExemplarMatch::id).toList();
    }
  }

  /** The request for {@code answer} (as the model reads it) with the exemplars of {@code input}. */
  Rendered render(PromptLibrary.GradePrompt prompt, GradingInput input, String answer) {
    RubricSpec rubric = input.question().rubric();
    List<ExemplarMatch> shown = select(input.exemplars());
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("question", input.question().prompt().strip());
    values.put("scale", String.valueOf(rubric.scale()));
    for (PromptSections.Section section : PromptSections.Section.values()) {
      if (prompt.uses(section.placeholder)) {
        values.put(section.placeholder, section.render(rubric, shown, budget));
      }
    }
    values.put("answer", untrusted(answer));
    values.put("criterion_keys", criterionKeys(rubric));
    List<Message> messages =
        List.of(Message.system(prompt.system()), Message.user(prompt.user(values)));
    List<String> keys = rubric.criteria().stream().map(CriterionSpec::key).toList();
    List<String> ids = shown.stream().map(ExemplarMatch::id).toList();
    return new Rendered(messages, shown, GradeSchema.of(keys, ids), PromptTokens.count(messages));
  }

  /** The message asking to fix a reply that failed verification. */
  String repair(
      PromptLibrary.GradePrompt prompt,
      RubricSpec rubric,
      Rendered request,
      String previous,
      List<GradeVerifier.Violation> violations) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put(
        "problems", violations.stream().map(v -> "- " + v).collect(Collectors.joining("\n")));
    values.put("previous", previous == null ? "(empty)" : previous);
    values.put("exemplar_ids", String.join(", ", request.exemplarIds()));
    values.put("scale", String.valueOf(rubric.scale()));
    values.put("criterion_keys", criterionKeys(rubric));
    return prompt.repair(values);
  }

  /**
   * The budget as part of the grader's signature: a grade made with other exemplar counts or cuts
   * saw another prompt, so it is not reused.
   */
  static String signature(LlmConfig.PromptBudget budget) {
    return "ex"
        + budget.strong()
        + "-"
        + budget.acceptable()
        + "-"
        + budget.weak()
        + "-w"
        + budget.exemplarWords()
        + "-r"
        + budget.rationaleWords();
  }

  /** The most similar few of each label, strong first. */
  List<ExemplarMatch> select(List<ExemplarMatch> retrieved) {
    Map<Label, Integer> quota =
        Map.of(
            Label.STRONG, budget.strong(),
            Label.ACCEPTABLE, budget.acceptable(),
            Label.WEAK, budget.weak());
    return retrieved.stream()
        .collect(Collectors.groupingBy(ExemplarMatch::label))
        .entrySet()
        .stream()
        .sorted(Map.Entry.comparingByKey())
        .flatMap(
            e ->
                e.getValue().stream()
                    .sorted(Comparator.comparingDouble(ExemplarMatch::similarity).reversed())
                    .limit(quota.getOrDefault(e.getKey(), 0)))
        .toList();
  }

  private static String criterionKeys(RubricSpec rubric) {
    return rubric.criteria().stream().map(CriterionSpec::key).collect(Collectors.joining(", "));
  }

  /** The answer as a JSON string literal with angle brackets escaped, so it cannot close a tag. */
  private String untrusted(String answer) {
    try {
      return json.writeValueAsString(answer).replace("<", "\\u003c").replace(">", "\\u003e");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a string is always serialisable", e);
    }
  }
}

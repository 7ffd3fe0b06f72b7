package dev.assay.support;

import static dev.assay.support.Api.as;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A workspace of a test's own, so the test's grades, reviews, settings and bank writes are the only
 * ones there: with a small bank (area nlp-llm, questions with a strong, an acceptable and a weak
 * exemplar each), or with questions of the built-in bank.
 */
public final class TestWorkspace {
  private static final YAMLMapper YAML = new YAMLMapper();

  private TestWorkspace() {}

  /**
   * Creates a workspace with the built-in bank's areas, role profiles and the named built-in
   * questions (every one when none is named), read from the bank's own files: the test grades the
   * questions the default workspace serves, but its grades, reviews and settings are its own. Only
   * the whole bank trains the scoring model the default workspace grades with; a few questions'
   * exemplars are too few to train on, and the shipped prior grades there. Returns its admin key.
   */
  public static String withBuiltInQuestions(String name, String... questionIds) {
    Set<String> wanted = Set.of(questionIds);
    List<Object> areas = new ArrayList<>();
    List<Object> roles = new ArrayList<>();
    List<Map<String, Object>> questions = new ArrayList<>();
    for (String file : builtInBankFiles()) {
      Map<String, Object> doc = yaml("bank/" + file);
      areas.addAll(list(doc, "areas"));
      roles.addAll(list(doc, "roles"));
      for (Object q : list(doc, "questions")) {
        Map<String, Object> question = new LinkedHashMap<>(map(q));
        if (wanted.isEmpty() || wanted.contains(question.get("id"))) {
          question.putIfAbsent("area", doc.get("area"));
          questions.add(question);
        }
      }
    }
    if (!wanted.isEmpty() && questions.size() != wanted.size()) {
      throw new IllegalArgumentException("not all built-in questions: " + wanted);
    }
    String admin = Api.createWorkspace(name).adminKey();
    as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("areas", areas, "roles", roles, "questions", questions))
        .post("/api/v1/bank/import")
        .then()
        .statusCode(200);
    return admin;
  }

  /** Creates a workspace with the built-in bank's areas and no questions; returns its admin key. */
  public static String withBuiltInAreas(String name) {
    String admin = Api.createWorkspace(name).adminKey();
    Api.importBank(admin, "bank/areas.yaml");
    return admin;
  }

  /** The built-in bank's files, in the order its index lists them (areas and roles first). */
  private static List<String> builtInBankFiles() {
    return new String(Api.resource("bank/index.txt"), StandardCharsets.UTF_8)
        .lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .toList();
  }

  private static Map<String, Object> yaml(String resource) {
    try {
      return YAML.readValue(Api.resource(resource), new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<?> list(Map<String, Object> doc, String key) {
    return doc.get(key) instanceof List<?> l ? l : List.of();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  /** Creates the workspace, imports the questions; returns its admin key. */
  public static String withQuestions(String name, String... questionIds) {
    String admin = Api.createWorkspace(name).adminKey();
    as(admin)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "areas",
                List.of(
                    Map.of("key", "nlp-llm", "title", "NLP and LLMs", "description", "Test area")),
                "questions",
                java.util.Arrays.stream(questionIds).map(TestBank::groundingQuestion).toList()))
        .post("/api/v1/bank/import")
        .then()
        .statusCode(200);
    return admin;
  }

  /** Grades an answer (made unique) for a candidate; returns the grade id. */
  public static String grade(String key, String question, String candidateRef) {
    return as(key)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "questionId",
                question,
                "candidateRef",
                candidateRef,
                "answer",
                "I would log which passages were retrieved, measure recall on real questions and"
                    + " make the assistant cite passage ids or abstain. "
                    + UUID.randomUUID()))
        .post("/api/v1/grades")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** Overrides a grade's overall score as the given reviewer. */
  public static void override(String reviewerKey, String gradeId, double overall) {
    as(reviewerKey)
        .contentType(ContentType.JSON)
        .body(Map.of("overall", overall, "reasonCode", "other", "reason", "test fixture"))
        .post("/api/v1/grades/{id}/overrides", gradeId)
        .then()
        .statusCode(201);
  }
}

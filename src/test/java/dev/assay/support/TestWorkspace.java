package dev.assay.support;

import static dev.assay.support.Api.as;

import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A workspace of a test's own with a small bank (area nlp-llm, questions with a strong, an
 * acceptable and a weak exemplar each), so the test's grades and reviews are the only ones there.
 */
public final class TestWorkspace {
  private TestWorkspace() {}

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

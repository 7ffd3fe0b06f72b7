package dev.assay.grading;

import static dev.assay.support.Api.as;
import static dev.assay.support.Api.grade;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.support.Api;
import dev.assay.support.TestBank;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The learned scoring model's life in a workspace of its own: trained when its bank is imported,
 * recorded in every offline grade, retrained when exemplars change, and, once the workspace has a
 * gate set, replaced only through the gate.
 */
@QuarkusTest
class LearnedScorerTest {
  @Inject DataSource dataSource;

  private static final String[] TOPICS = {
    "grounding answers in retrieved passages",
    "citing the passage behind each claim",
    "refusing when no passage supports an answer",
    "logging retrieved passages next to each draft",
    "measuring faithfulness on a labelled set"
  };

  /** A workspace of its own with three questions of six exemplars each; returns its admin key. */
  private static String workspace() {
    String admin = Api.createWorkspace("ls").adminKey();
    importBank(admin);
    return admin;
  }

  private static void importBank(String admin) {
    List<Map<String, Object>> questions = new ArrayList<>();
    for (String q : List.of("q-one", "q-two", "q-three")) {
      List<Map<String, Object>> exemplars = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String label = i < 2 ? "strong" : i < 4 ? "acceptable" : "weak";
        double score = i < 2 ? 3.6 : i < 4 ? 2.2 : 0.6;
        StringBuilder text = new StringBuilder();
        for (int t = 0; t < Math.max(1, TOPICS.length - i); t++) {
          text.append("I would focus on ").append(TOPICS[t]).append(" for ").append(q).append(". ");
        }
        if (i == 5) {
          text.append("That is all I would do.");
        }
        exemplars.add(TestBank.exemplar(q + "-" + i, label, score, text.toString()));
      }
      questions.add(TestBank.question(q, exemplars));
    }
    as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("areas", List.of(area()), "questions", questions))
        .post("/api/v1/bank/import")
        .then()
        .log()
        .ifValidationFails()
        .statusCode(200);
  }

  private static Map<String, Object> area() {
    return Map.of("key", "nlp-llm", "title", "NLP", "description", "Language models.");
  }

  private static List<Map<String, Object>> models(String key) {
    return as(key)
        .get("/api/v1/scoring-models")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("$");
  }

  @Test
  void importingABankTrainsAModelThatEveryOfflineGradeRecords() {
    String admin = workspace();
    List<Map<String, Object>> models = models(admin);
    assertEquals(1, models.size());
    assertEquals(1, models.get(0).get("version"));
    assertEquals(true, models.get(0).get("active"));
    assertEquals("trained", models.get(0).get("kind"));
    assertEquals(18, ((Map<?, ?>) models.get(0).get("training")).get("rows"));

    JsonPath g =
        grade(
            admin, "q-one", "I would focus on grounding answers in retrieved passages for q-one.");
    assertEquals("v1", g.getString("provenance.scoringModel.ref"));
    assertEquals(models.get(0).get("hash"), g.getString("provenance.scoringModel.hash"));
    assertTrue(g.getString("provenance.grader").startsWith(OfflineGrader.VERSION + "@v1:"));
  }

  @Test
  void theSameExemplarsNeverTrainASecondVersion() {
    String admin = workspace();
    importBank(admin);
    assertEquals(1, models(admin).size());
  }

  @Test
  void aNewExemplarRetrainsAndWithoutAGateSetTheNewestModelGrades() {
    String admin = workspace();
    as(admin)
        .contentType(ContentType.JSON)
        .body(
            TestBank.exemplar(
                "q-one-new",
                "strong",
                4.0,
                "I would focus on measuring faithfulness on a labelled set and on citations."))
        .post("/api/v1/questions/q-one/exemplars")
        .then()
        .statusCode(201);
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> models(admin).size() == 2);
    Map<String, Object> newest = models(admin).get(0);
    assertEquals(2, newest.get("version"));
    assertEquals(true, newest.get("active"));
    assertEquals(
        "v2",
        grade(admin, "q-one", "Grounding matters for q-one.")
            .getString("provenance.scoringModel.ref"));
  }

  @Test
  void gatingAModelNeedsAnUnpinnedLearnedConfiguration() {
    String admin = workspace();
    as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("name", "knn", "spec", Map.of("mode", "offline", "scorer", "knn")))
        .post("/api/v1/grader-configs")
        .then()
        .statusCode(201);
    as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("scorerModel", 1))
        .post("/api/v1/promotions")
        .then()
        .statusCode(422)
        .body("code", equalTo("nothing-to-promote"));
    as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("scorerModel", 7))
        .post("/api/v1/promotions")
        .then()
        .statusCode(404);
  }

  @Test
  void aModelTrainedOnAnotherEmbeddingModelsVectorsNeverGrades() throws SQLException {
    String admin = workspace();
    String gradeId = grade(admin, "q-one", "Grounding matters for q-one.").getString("id");
    // As if the deployment had switched embedding models since: the workspace's active model is
    // one whose features were computed from another model's vectors.
    try (Connection c = dataSource.getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "WITH g AS (SELECT workspace_id FROM grade WHERE id = ?::uuid),"
                    + " m AS (INSERT INTO scoring_model (workspace_id, version, data_hash,"
                    + " model_hash, model) SELECT s.workspace_id, 2, 'other', 'other',"
                    + " jsonb_set(s.model, '{embeddingModel}', '\"all-minilm-l6-v2@0\"')"
                    + " FROM scoring_model s JOIN g ON s.workspace_id = g.workspace_id"
                    + " WHERE s.version = 1 RETURNING id, workspace_id)"
                    + " UPDATE workspace w SET scoring_model_id = m.id FROM m"
                    + " WHERE w.id = m.workspace_id")) {
      st.setString(1, gradeId);
      assertEquals(1, st.executeUpdate());
    }
    assertEquals(
        "prior",
        grade(admin, "q-one", "Citing passages matters for q-one.")
            .getString("provenance.scoringModel.ref"));
  }
}

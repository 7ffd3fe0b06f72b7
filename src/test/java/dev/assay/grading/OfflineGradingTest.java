package dev.assay.grading;

import static dev.assay.support.Api.as;
import static dev.assay.support.Api.grade;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.support.TestWorkspace;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With no LLM configured, grades come from the offline grader. */
@QuarkusTest
class OfflineGradingTest {
  static final String QUESTION = "eval-deterioration-alert-threshold";

  /** The built-in bank's evaluation-metrics questions, {@link #QUESTION} first. */
  static final String[] EVALUATION_QUESTIONS = {
    QUESTION, "eval-ranking-offline-online-gap", "eval-readmission-validation-design"
  };

  static final String STRONG_PARAPHRASE =
      "An accuracy of 96 percent means nothing here, because at 4 percent prevalence a model that never"
          + " alerts reaches the same number. The ROC-AUC of 0.91 looks better, but it averages across"
          + " thresholds nobody would use and conceals the false alarms that come with each true catch."
          + " The real question is how many of the roughly ten patients who will deteriorate we catch within"
          + " the thirty alerts the team can handle in a shift. I would launch on sensitivity at a threshold"
          + " giving about thirty alerts per 250 patients, with precision at that point, and check"
          + " calibration. I would choose the threshold on a later held-out period, keeping each patient in a"
          + " single split, and lean to the lower threshold because a missed deterioration costs far more"
          + " than an extra check. To the clinical lead I would say how many patients we flag per shift and"
          + " how many of the deteriorating ones are among them.";

  static final String WEAK_PARAPHRASE =
      "The model has an AUC of 0.91 and is 96% accurate, which are both great numbers, so it can launch now."
          + " I would leave the default threshold of 0.5 and tell the clinical lead it is 96% accurate.";

  /**
   * The admin of this class's own workspace: its grade log and dedup cache are this class's. It
   * holds the three built-in evaluation questions, whose exemplars are enough to train a workspace
   * scoring model, as the default workspace does from the whole bank (one question's are too few,
   * and the shipped prior would grade).
   */
  private static String admin;

  @BeforeEach
  void workspace() {
    if (admin == null) {
      admin = TestWorkspace.withBuiltInQuestions("offline", EVALUATION_QUESTIONS);
    }
  }

  static Map<String, Object> request(String answer, String candidate) {
    Map<String, Object> body = new HashMap<>();
    body.put("questionId", QUESTION);
    body.put("answer", answer);
    body.put("candidateRef", candidate);
    return body;
  }

  @Test
  void offlineGradeHasCriteriaRealCitationsAndProvenance() {
    JsonPath g = grade(admin, request(STRONG_PARAPHRASE, "cand-offline-1"));

    assertEquals("offline", g.getString("mode"));
    int criteria =
        as(admin)
            .get("/api/v1/questions/{id}", QUESTION)
            .jsonPath()
            .getList("rubric.criteria")
            .size();
    assertEquals(criteria, g.getList("criteria").size());
    for (Map<String, Object> c : g.<Map<String, Object>>getList("criteria")) {
      double score = ((Number) c.get("score")).doubleValue();
      assertTrue(score >= 0 && score <= ((Number) c.get("maxScore")).doubleValue());
      List<Map<String, Object>> citations = (List<Map<String, Object>>) c.get("citations");
      assertTrue(!citations.isEmpty());
      for (Map<String, Object> citation : citations) {
        assertTrue(
            STRONG_PARAPHRASE.contains((String) citation.get("quote")),
            "quote is a real sentence: " + citation);
      }
    }
    double overall = g.getDouble("overall.score");
    assertEquals(
        overall / g.getDouble("overall.maxScore") * 100, g.getDouble("overall.percent"), 0.01);
    assertTrue(g.getDouble("confidence") > 0 && g.getDouble("confidence") <= 1);
    assertEquals(1, g.getInt("rubricVersion"));
    assertTrue(g.getString("provenance.embeddingModel").startsWith("bge-small-en-v1.5-q@"));
    assertTrue(g.getString("provenance.grader").startsWith(OfflineGrader.VERSION + "@v"));
    assertEquals("trained", g.getString("provenance.scoringModel.kind"));
    int exemplars =
        as(admin).get("/api/v1/questions/{id}/exemplars", QUESTION).jsonPath().getList("$").size();
    assertEquals(Math.min(9, exemplars), g.getList("provenance.exemplars").size());
    assertTrue(
        g.getMap("provenance.latencyMs")
            .keySet()
            .containsAll(List.of("embed", "retrieve", "screen", "grade", "total")));
    assertEquals(0, g.getInt("provenance.tokens.input"));

    as(admin)
        .get("/api/v1/grades/{id}", g.getString("id"))
        .then()
        .statusCode(200)
        .body("overall.score", equalTo(g.getFloat("overall.score")));
  }

  @Test
  void aStrongParaphraseOutscoresAWeakOne() {
    double strong =
        grade(admin, request(STRONG_PARAPHRASE + " (v2)", "cand-offline-2"))
            .getDouble("overall.score");
    double weak =
        grade(admin, request(WEAK_PARAPHRASE, "cand-offline-3")).getDouble("overall.score");
    assertTrue(strong > weak + 1, "strong " + strong + " vs weak " + weak);
  }

  @Test
  void emptyAnswerScoresZeroAndIsFlagged() {
    JsonPath g = grade(admin, request("   ", "cand-empty"));
    assertEquals(0.0, g.getDouble("overall.score"));
    assertTrue(g.getList("flags").contains("too-short"));
    assertTrue(g.getDouble("confidence") < 1);
  }

  @Test
  void sameAnswerUnderSameRubricReusesTheStoredGrade() {
    String answer = WEAK_PARAPHRASE + " Recall matters less than accuracy here.";
    JsonPath first = grade(admin, request(answer, "cand-dedup"));
    JsonPath second = grade(admin, request("  " + answer.toUpperCase() + "  ", "cand-dedup"));
    assertEquals(first.getString("id"), second.getString("reusedFrom"));
    assertTrue(second.getList("flags").contains("reused-grade"));
    assertEquals(first.getDouble("overall.score"), second.getDouble("overall.score"));
    assertTrue(!first.getString("id").equals(second.getString("id")), "a new log row per request");
  }

  @Test
  void idempotencyKeyReturnsTheFirstGradeWithoutLoggingAnother() {
    String key = UUID.randomUUID().toString();
    String candidate = "cand-idem-" + key;
    Map<String, Object> body = request(STRONG_PARAPHRASE + " Idempotent.", candidate);
    String id =
        as(admin)
            .contentType(ContentType.JSON)
            .header("Idempotency-Key", key)
            .body(body)
            .post("/api/v1/grades")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    as(admin)
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", key)
        .body(body)
        .post("/api/v1/grades")
        .then()
        .statusCode(201)
        .header("Idempotent-Replayed", "true")
        .body("id", equalTo(id));
    as(admin)
        .queryParam("candidateRef", candidate)
        .get("/api/v1/grades")
        .then()
        .body("total", equalTo(1));
  }

  @Test
  void theLogFiltersByQuestionCandidateModeAndFlag() {
    String candidate = "cand-filter-" + UUID.randomUUID();
    grade(admin, request("Too short.", candidate));
    grade(admin, request(STRONG_PARAPHRASE + " Filtered.", candidate));
    as(admin)
        .queryParam("candidateRef", candidate)
        .get("/api/v1/grades")
        .then()
        .statusCode(200)
        .body("total", equalTo(2))
        .body("items.questionId", everyItem(equalTo(QUESTION)));
    as(admin)
        .queryParam("candidateRef", candidate)
        .queryParam("flag", "too-short")
        .get("/api/v1/grades")
        .then()
        .body("total", equalTo(1));
    as(admin)
        .queryParam("candidateRef", candidate)
        .queryParam("mode", "llm")
        .get("/api/v1/grades")
        .then()
        .body("total", equalTo(0));
    as(admin)
        .queryParam("candidateRef", candidate)
        .queryParam("questionId", QUESTION)
        .queryParam("from", "2000-01-01T00:00:00Z")
        .queryParam("size", 1)
        .get("/api/v1/grades")
        .then()
        .body("items", org.hamcrest.Matchers.hasSize(1))
        .body("total", equalTo(2));
  }

  @Test
  void badRequestsAreProblems() {
    as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("answer", "x"))
        .post("/api/v1/grades")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("questionId"));
    as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("questionId", QUESTION))
        .post("/api/v1/grades")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("answer"));
    as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("questionId", QUESTION, "answer", "x".repeat(20001)))
        .post("/api/v1/grades")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("answer"));
    as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("questionId", "no-such-question", "answer", "x"))
        .post("/api/v1/grades")
        .then()
        .statusCode(404);
    as(admin)
        .get("/api/v1/grades/not-a-uuid")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    as(admin).get("/api/v1/grades/{id}", UUID.randomUUID()).then().statusCode(404);
    as(admin)
        .queryParam("mode", "magic")
        .get("/api/v1/grades")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("mode"));
    as(admin)
        .queryParam("from", "yesterday")
        .get("/api/v1/grades")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("from"));
  }

  @Inject DataSource dataSource;

  @Test
  void theGradeLogIsAppendOnly() throws Exception {
    // Only this test's own grade is touched: were the guard missing, nothing shared is lost.
    String id =
        grade(admin, request(WEAK_PARAPHRASE + " Append only.", "cand-append")).getString("id");
    String own = " WHERE id = '" + UUID.fromString(id) + "'";
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      SQLException update =
          assertThrows(
              SQLException.class, () -> s.executeUpdate("UPDATE grade SET confidence = 1" + own));
      assertTrue(update.getMessage().contains("append-only"), update.getMessage());
      SQLException delete =
          assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM grade" + own));
      assertTrue(delete.getMessage().contains("append-only"), delete.getMessage());
    }
  }

  @Test
  void cleanAnswersCarryNoAnswerFlags() {
    String answer =
        "Accuracy is the wrong yardstick with a four percent base rate. I would make recall the launch metric,"
            + " summarise with PR-AUC, and move the threshold down until about nine in ten deteriorations are"
            + " caught on validation data, accepting extra nurse checks because they are cheap.";
    JsonPath g = grade(admin, request(answer, "cand-clean"));
    assertTrue(g.getList("flags").isEmpty(), g.getList("flags").toString());
    assertTrue(g.getString("provenance.screening.words") != null);
    as(admin)
        .get("/api/v1/grades/{id}", g.getString("id"))
        .then()
        .body("flags", not(hasItem("off-topic")))
        .body("answer", notNullValue());
  }
}

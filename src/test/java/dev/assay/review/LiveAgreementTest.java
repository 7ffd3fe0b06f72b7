package dev.assay.review;

import static dev.assay.support.Api.as;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.support.Api;
import dev.assay.support.TestBank;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/agreement} over grades with known automated scores and known reviews, in a
 * workspace of its own so that other tests' grades do not count.
 *
 * <p>Whether a grade is in the audit sample depends only on its random id, so the fixture cannot
 * get audit grades by grading through the API. It grades one answer per question through the API
 * and copies that row under ids it picked in or out of the sample (membership computed here with
 * PostgreSQL's {@code hashtext}, independently of the service), with chosen scores, at a fixed past
 * time. Reviews go through the API.
 */
@QuarkusTest
class LiveAgreementTest {
  private static final String ALPHA = "agreement-alpha";
  private static final String BETA = "agreement-beta";
  private static final OffsetDateTime T0 = OffsetDateTime.parse("2021-03-01T09:00:00Z");
  private static final double EPS = 1e-9;

  /** Keys of the fixture's workspace, made once for the class. */
  private static String reviewer;

  private static String grader;

  @Inject DataSource dataSource;
  @Inject ReviewConfig config;

  /**
   * At T0 (scale 4; shares in brackets), in the audit sample: a1 alpha 2 confirmed [.5 -> .5], a2
   * alpha 3 overridden to 1 [.75 -> .25], a3 beta 4 overridden to 2 then 3 [1 -> .75], a4 beta 1
   * not reviewed. Outside it: b1 alpha 1 overridden to 3 [.25 -> .75], b2 beta 2 confirmed [.5 ->
   * .5], b3 alpha 3 not reviewed, b4 beta 2 only claimed and released. Plus the two graded source
   * rows, made now.
   */
  @BeforeEach
  void fixture() {
    if (reviewer != null) {
      return;
    }
    String admin = Api.createWorkspace("agreement").adminKey();
    as(admin)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "areas",
                List.of(
                    Map.of("key", "nlp-llm", "title", "NLP and LLMs", "description", "Test area")),
                "questions",
                List.of(TestBank.groundingQuestion(ALPHA), TestBank.groundingQuestion(BETA))))
        .post("/api/v1/bank/import")
        .then()
        .statusCode(200);
    String graderKey = Api.issueKey(admin, "grader");
    String reviewerKey = Api.issueKey(admin, "reviewer");
    String alpha = gradeThroughTheApi(graderKey, ALPHA);
    String beta = gradeThroughTheApi(graderKey, BETA);

    UUID a1 = copy(alpha, true, 2, 0);
    UUID a2 = copy(alpha, true, 3, 1);
    UUID a3 = copy(beta, true, 4, 2);
    copy(beta, true, 1, 3);
    UUID b1 = copy(alpha, false, 1, 4);
    UUID b2 = copy(beta, false, 2, 5);
    copy(alpha, false, 3, 6);
    UUID b4 = copy(beta, false, 2, 7);

    confirm(reviewerKey, a1);
    override(reviewerKey, a2, 1);
    override(reviewerKey, a3, 2);
    override(reviewerKey, a3, 3);
    override(reviewerKey, b1, 3);
    confirm(reviewerKey, b2);
    as(reviewerKey).post("/api/v1/review-queue/{id}/claim", b4).then().statusCode(200);
    as(reviewerKey).post("/api/v1/review-queue/{id}/release", b4).then().statusCode(204);
    grader = graderKey;
    reviewer = reviewerKey;
  }

  private JsonPath agreement(Map<String, ?> params) {
    return as(reviewer)
        .queryParams(params)
        .get("/api/v1/agreement")
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .extract()
        .jsonPath()
        .using(JsonPathConfig.jsonPathConfig().numberReturnType(NumberReturnType.DOUBLE));
  }

  private static Map<String, String> window(OffsetDateTime from, OffsetDateTime to) {
    return Map.of("from", from.toString(), "to", to.toString());
  }

  @Test
  void theAuditSampleBlockHoldsOnlyReviewedGradesOfTheSample() {
    JsonPath r = agreement(window(T0, T0.plusHours(1)));

    assertEquals(config.auditRate(), r.getDouble("auditRate"), EPS);
    assertEquals(8, r.getInt("counts.grades"));
    assertEquals(4, r.getInt("counts.inAuditSample"));
    assertEquals(3, r.getInt("counts.reviewedInAuditSample"));

    // a1, a2, a3: automated .5 .75 1, human .5 .25 .75
    assertEquals(3, r.getInt("auditSample.overall.n"));
    assertEquals(0.75, r.getDouble("auditSample.overall.meanAutomated"), EPS);
    assertEquals(0.5, r.getDouble("auditSample.overall.meanHuman"), EPS);
    assertEquals(2.0 / 3, r.getDouble("auditSample.overall.overrideRate"), EPS);
    assertEquals(0.25, r.getDouble("auditSample.overall.mae"), EPS);
    assertEquals(Math.sqrt(0.3125 / 3), r.getDouble("auditSample.overall.rmse"), EPS);
    assertEquals(1.0 / 3, r.getDouble("auditSample.overall.exact"), EPS);
    assertEquals(2.0 / 3, r.getDouble("auditSample.overall.adjacent"), EPS);
    // Grid categories human 2 1 3 vs automated 2 3 4: observed disagreement 5, expected 21/3.
    assertEquals(2.0 / 7, r.getDouble("auditSample.overall.qwk"), EPS);
    assertEquals(0.5, r.getDouble("auditSample.overall.pearson"), EPS);
    assertEquals(Math.sqrt(1.5), r.getDouble("auditSample.overall.smd"), EPS);
    assertTrue(
        r.getDouble("auditSample.overall.qwkCi.low")
            <= r.getDouble("auditSample.overall.qwkCi.high"));
    assertTrue(
        r.getDouble("auditSample.overall.smdCi.low")
            <= r.getDouble("auditSample.overall.smdCi.high"));

    assertEquals(Set.of(ALPHA, BETA), r.getMap("auditSample.perQuestion").keySet());
    assertEquals(2, r.getInt("auditSample.perQuestion.'" + ALPHA + "'.n"));
    assertEquals(0.625, r.getDouble("auditSample.perQuestion.'" + ALPHA + "'.meanAutomated"), EPS);
    assertEquals(0.375, r.getDouble("auditSample.perQuestion.'" + ALPHA + "'.meanHuman"), EPS);
    assertEquals(0.5, r.getDouble("auditSample.perQuestion.'" + ALPHA + "'.overrideRate"), EPS);
    assertEquals(-1.0 / 3, r.getDouble("auditSample.perQuestion.'" + ALPHA + "'.qwk"), EPS);
    assertEquals(1, r.getInt("auditSample.perQuestion.'" + BETA + "'.n"));
    assertEquals(0.75, r.getDouble("auditSample.perQuestion.'" + BETA + "'.meanHuman"), EPS);
    Object pearson = r.get("auditSample.perQuestion.'" + BETA + "'.pearson");
    assertNull(pearson, "one grade: undefined");
  }

  @Test
  void theAllReviewedBlockCountsEveryConfirmationAndOverride() {
    JsonPath r = agreement(window(T0, T0.plusHours(1)));

    // a1 a2 a3 b1 b2 (not the unreviewed a4 and b3, nor b4, which was only claimed)
    assertEquals(5, r.getInt("allReviewed.overall.n"));
    assertEquals(0.6, r.getDouble("allReviewed.overall.meanAutomated"), EPS);
    assertEquals(0.55, r.getDouble("allReviewed.overall.meanHuman"), EPS);
    assertEquals(0.6, r.getDouble("allReviewed.overall.overrideRate"), EPS);
    assertEquals(0.25, r.getDouble("allReviewed.overall.mae"), EPS);
    assertEquals(3, r.getInt("allReviewed.perQuestion.'" + ALPHA + "'.n"));
    assertEquals(0.5, r.getDouble("allReviewed.perQuestion.'" + ALPHA + "'.meanHuman"), EPS);
    assertEquals(2.0 / 3, r.getDouble("allReviewed.perQuestion.'" + ALPHA + "'.overrideRate"), EPS);
    assertEquals(2, r.getInt("allReviewed.perQuestion.'" + BETA + "'.n"));
    assertEquals(0.625, r.getDouble("allReviewed.perQuestion.'" + BETA + "'.meanHuman"), EPS);
    assertTrue(r.getString("allReviewed.sample").contains("biased"));
    assertTrue(r.getString("auditSample.sample").contains("unbiased"));
  }

  @Test
  void oneQuestionCanBeSelected() {
    Map<String, String> params = new HashMap<>(window(T0, T0.plusHours(1)));
    params.put("questionId", ALPHA);
    JsonPath r = agreement(params);

    assertEquals(4, r.getInt("counts.grades"));
    assertEquals(2, r.getInt("counts.inAuditSample"));
    assertEquals(2, r.getInt("counts.reviewedInAuditSample"));
    assertEquals(2, r.getInt("auditSample.overall.n"));
    assertEquals(3, r.getInt("allReviewed.overall.n"));
    assertEquals(Set.of(ALPHA), r.getMap("allReviewed.perQuestion").keySet());
  }

  @Test
  void aWindowWithoutGradesHasNoFiguresAndNoNaN() {
    String body =
        as(reviewer)
            .queryParams(window(T0.plusHours(1), T0.plusHours(2)))
            .get("/api/v1/agreement")
            .then()
            .statusCode(200)
            .body("counts.grades", equalTo(0))
            .body("auditSample.overall.n", equalTo(0))
            .body("allReviewed.overall.n", equalTo(0))
            .body("auditSample.overall.qwk", nullValue())
            .body("allReviewed.overall.meanHuman", nullValue())
            .body("allReviewed.overall.qwkCi", nullValue())
            .body("allReviewed.perQuestion", anEmptyMap())
            .extract()
            .asString();
    assertFalse(body.contains("NaN"), body);
  }

  @Test
  void theDefaultWindowIsTheLastThirtyDays() {
    Instant before = Instant.now();
    JsonPath r = agreement(Map.of());
    OffsetDateTime from = OffsetDateTime.parse(r.getString("window.from"));
    OffsetDateTime to = OffsetDateTime.parse(r.getString("window.to"));

    assertFalse(to.toInstant().isBefore(before));
    assertTrue(Duration.between(to.toInstant(), Instant.now()).toSeconds() < 60);
    assertEquals(Duration.ofDays(30), Duration.between(from, to));
    assertEquals(2, r.getInt("counts.grades"), "the two graded source rows, not those of 2021");
    assertEquals(0, r.getInt("allReviewed.overall.n"));
  }

  @Test
  void badParametersAreProblems() {
    problem(Map.of("from", "last week"), 400).body("errors.field", hasItem("from"));
    problem(Map.of("to", "2021-13-01T00:00:00Z"), 400).body("errors.field", hasItem("to"));
    problem(window(T0.plusHours(1), T0), 400).body("errors.field", hasItem("from"));
    problem(Map.of("questionId", "no-such-question"), 404).body("code", equalTo("not-found"));
  }

  private static ValidatableResponse problem(Map<String, ?> params, int status) {
    return as(reviewer)
        .queryParams(params)
        .get("/api/v1/agreement")
        .then()
        .statusCode(status)
        .contentType("application/problem+json");
  }

  @Test
  void reviewersAndAdminsOnly() {
    as(grader)
        .get("/api/v1/agreement")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    Api.given()
        .get("/api/v1/agreement")
        .then()
        .statusCode(200)
        .body("counts.grades", notNullValue());
  }

  private static String gradeThroughTheApi(String key, String question) {
    return Api.grade(
            key,
            Map.of(
                "questionId",
                question,
                "answer",
                "I would log which passages were retrieved, measure recall on real questions and"
                    + " make the assistant cite passage ids or abstain. "
                    + UUID.randomUUID()))
        .getString("id");
  }

  /** A copy of a graded row under an id in (or out of) the audit sample, scored {@code overall}. */
  private UUID copy(String source, boolean inAuditSample, double overall, int minutes) {
    UUID id = pickId(inAuditSample);
    sql(
        """
        INSERT INTO grade (id, workspace_id, question_id, rubric_version_id, candidate_ref, tags,
            answer, answer_key, answer_embedding, mode, overall_score, overall_max, overall_percent,
            confidence, flags, criteria, rationale, provenance, dedup_key, created_by_key, created_at,
            answer_embedding_model)
        SELECT ?, workspace_id, question_id, rubric_version_id, candidate_ref, tags,
            answer, answer_key, answer_embedding, mode, ?, overall_max, ? * 100 / overall_max,
            confidence, flags, criteria, rationale, provenance, dedup_key, created_by_key, ?,
            answer_embedding_model
        FROM grade WHERE id = ?
        """,
        id,
        overall,
        overall,
        T0.plusMinutes(minutes),
        UUID.fromString(source));
    return id;
  }

  private UUID pickId(boolean inAuditSample) {
    int cut = (int) Math.round(config.auditRate() * 10000);
    assertTrue(cut > 0 && cut < 10000, "the audit rate leaves grades on both sides");
    while (true) {
      UUID id = UUID.randomUUID();
      int bucket =
          ((Number) sql("SELECT abs(hashtext(?::text)) % 10000", id.toString())).intValue();
      if ((bucket < cut) == inAuditSample) {
        return id;
      }
    }
  }

  /** Runs a statement; returns the first column of the first row of a query, else null. */
  private Object sql(String statement, Object... args) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(statement)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      if (!ps.execute()) {
        return null;
      }
      try (ResultSet rs = ps.getResultSet()) {
        return rs.next() ? rs.getObject(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(statement, e);
    }
  }

  private static void confirm(String key, UUID grade) {
    as(key)
        .contentType(ContentType.JSON)
        .body(Map.of("reason", "agrees"))
        .post("/api/v1/grades/{id}/confirmations", grade)
        .then()
        .statusCode(201);
  }

  private static void override(String key, UUID grade, double overall) {
    as(key)
        .contentType(ContentType.JSON)
        .body(Map.of("overall", overall, "reasonCode", "other"))
        .post("/api/v1/grades/{id}/overrides", grade)
        .then()
        .statusCode(201);
  }
}

package dev.assay.review.calibration;

import static dev.assay.support.Api.as;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.support.Api;
import dev.assay.support.TestWorkspace;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reviewer calibration in a workspace of its own: three reviewers score four grades of a question
 * on a 0-4 scale, blind.
 *
 * <pre>
 *          item1 item2 item3 item4
 *   R1       4     3     2     4     (lenient)
 *   R2       3     2     2     1
 *   R3       2     1     0     1     (harsh)
 * </pre>
 *
 * R1's leave-one-out consensus (mean of R2 and R3) is 2.5 1.5 1 1, so as shares of the scale R1
 * runs 0.375 0.375 0.25 0.75 above it: MAE = mean difference = 0.4375. On the quarter grid R1 is 4
 * 3 2 4 and the consensus 3 2 1 1 (2.5 and 1.5 round up): squared disagreement 12 against 58/4
 * expected by chance, QWK = 1 - 12/14.5 = 5/29. Population variances of R1 (0.04296875) and of the
 * consensus (0.0234375) pool to 0.033203125, so SMD = 0.4375 / sqrt(0.033203125). Every one of R1's
 * differences is positive, so every resample's SMD is too: lenient; R3's are all negative.
 */
@QuarkusTest
class ReviewerCalibrationTest {
  private static final String Q = "calib-q1";
  private static final double EPS = 1e-9;
  private static final double[][] SCORES = {{4, 3, 2, 4}, {3, 2, 2, 1}, {2, 1, 0, 1}};

  private static String admin;
  private static String grader;
  private static final List<Key> REVIEWERS = new ArrayList<>();
  private static final List<String> GRADES = new ArrayList<>();
  private static final List<Double> AUTOMATED = new ArrayList<>();
  private static String setId;

  /** A key and its id (the id names the reviewer in the report). */
  record Key(String key, String id) {}

  @BeforeEach
  void fixture() {
    if (admin != null) {
      return;
    }
    admin = TestWorkspace.withQuestions("calibration", Q);
    grader = Api.issueKey(admin, "grader");
    for (int r = 0; r < 3; r++) {
      REVIEWERS.add(reviewer(admin));
    }
    for (int i = 0; i < 4; i++) {
      String g = TestWorkspace.grade(grader, Q, "cand-" + i);
      GRADES.add(g);
      AUTOMATED.add(as(admin).get("/api/v1/grades/{id}", g).jsonPath().getDouble("overall.score"));
    }
    setId = createSet(admin, Map.of("name", "November calibration", "gradeIds", GRADES));
    for (int r = 0; r < 3; r++) {
      List<Map<String, Object>> queue = queue(REVIEWERS.get(r).key(), setId);
      for (int i = 0; i < 4; i++) {
        score(REVIEWERS.get(r).key(), setId, (String) queue.get(i).get("id"), SCORES[r][i])
            .then()
            .statusCode(201);
      }
    }
    TestWorkspace.override(REVIEWERS.get(0).key(), GRADES.get(0), 4);
    TestWorkspace.override(REVIEWERS.get(0).key(), GRADES.get(1), 0);
  }

  @Test
  void reportGivesEachReviewersAgreementAndLeaning() {
    JsonPath report = report(admin, "");
    assertEquals(3, report.getList("reviewers").size(), "the three reviewers, not the admin");
    assertEquals(0.25, report.getDouble("gridStep"));

    Map<String, Object> r1 = row(report, REVIEWERS.get(0));
    assertEquals(4, at(r1, "scored"));
    assertEquals(4, at(r1, "consensus.n"));
    assertEquals(0.4375, at(r1, "consensus.mae"), EPS);
    assertEquals(5.0 / 29, at(r1, "consensus.qwk"), EPS);
    assertEquals(0.4375, at(r1, "lean.meanDifference"), EPS);
    assertEquals(0.4375 / Math.sqrt(0.033203125), at(r1, "lean.smd"), EPS);
    assertTrue(at(r1, "lean.smdCi.low") > 0);
    assertEquals("lenient", path(r1, "lean.leaning"));
    double automatedMae = 0;
    for (int i = 0; i < 4; i++) {
      automatedMae += Math.abs(SCORES[0][i] - AUTOMATED.get(i)) / 4 / 4;
    }
    assertEquals(automatedMae, at(r1, "automated.mae"), 1e-6);
    assertTrue(at(r1, "automated.maeCi.low") <= automatedMae + 1e-9);
    assertTrue(at(r1, "automated.maeCi.high") >= automatedMae - 1e-9);

    Map<String, Object> r2 = row(report, REVIEWERS.get(1));
    // Consensus of R1 and R3: 3 2 1 2.5 -> differences 0 0 +0.25 -0.375 (shares).
    assertEquals(0.15625, at(r2, "consensus.mae"), EPS);
    assertEquals(-0.03125, at(r2, "lean.meanDifference"), EPS);
    assertEquals("in-line", path(r2, "lean.leaning"));

    Map<String, Object> r3 = row(report, REVIEWERS.get(2));
    // Consensus of R1 and R2: 3.5 2.5 2 2.5 -> differences -0.375 -0.375 -0.5 -0.375.
    assertEquals(0.40625, at(r3, "consensus.mae"), EPS);
    assertEquals(-0.40625, at(r3, "lean.meanDifference"), EPS);
    assertEquals("harsh", path(r3, "lean.leaning"));
  }

  @Test
  void driftComesFromTheReviewersOverrides() {
    JsonPath report = report(admin, "?period=week");
    Map<String, Object> r1 = row(report, REVIEWERS.get(0));
    assertEquals(2, at(r1, "overrides"));
    List<Map<String, Object>> drift = list(r1, "drift");
    double expected = ((4 - AUTOMATED.get(0)) + (0 - AUTOMATED.get(1))) / 4 / 2;
    double total = 0;
    int n = 0;
    for (Map<String, Object> point : drift) {
      int k = ((Number) point.get("n")).intValue();
      total += k * ((Number) point.get("meanChange")).doubleValue();
      n += k;
    }
    assertEquals(2, n);
    assertEquals(expected, total / n, 1e-6);
    assertEquals(0, at(row(report, REVIEWERS.get(1)), "overrides"));
    assertEquals("week", report.getString("driftPeriod"));
  }

  @Test
  void aReviewerSeesOnlyTheirOwnFigures() {
    JsonPath own = report(REVIEWERS.get(1).key(), "");
    assertEquals(1, own.getList("reviewers").size());
    assertEquals(REVIEWERS.get(1).id(), own.getString("reviewers[0].reviewerKey"));
    as(REVIEWERS.get(1).key())
        .get("/api/v1/calibration-sets/{id}", setId)
        .then()
        .statusCode(200)
        .body("gradeIds", nullValue())
        .body("scoredByYou", org.hamcrest.Matchers.equalTo(4));
    as(admin)
        .get("/api/v1/calibration-sets/{id}", setId)
        .then()
        .statusCode(200)
        .body("gradeIds", hasSize(4));
  }

  @Test
  void scoringIsBlindUntilTheReviewerHasSubmitted() {
    Key first = REVIEWERS.get(0);
    Key second = REVIEWERS.get(1);
    String blind = createSet(admin, Map.of("name", "blind", "gradeIds", GRADES.subList(0, 1)));
    String item = (String) queue(first.key(), blind).get(0).get("id");
    score(first.key(), blind, item, 3).then().statusCode(201);

    String before =
        as(second.key())
            .get("/api/v1/calibration-sets/{id}/items/{item}", blind, item)
            .then()
            .statusCode(200)
            .body("reveal", nullValue())
            .body("yourScore", nullValue())
            .body("answer", org.hamcrest.Matchers.notNullValue())
            .extract()
            .asString();
    assertFalse(before.contains(GRADES.get(0)), "no grade id in a blind item: " + before);
    assertFalse(before.contains("automated"), before);
    String queued = as(second.key()).get("/api/v1/calibration-sets/{id}/queue", blind).asString();
    assertFalse(queued.contains(GRADES.get(0)) || queued.contains("automated"), queued);
    JsonPath mine = report(second.key(), blind, "");
    assertEquals(0, mine.getInt("reviewers[0].scored"));
    assertNull(mine.get("reviewers[0].consensus.mae"));

    JsonPath after =
        score(second.key(), blind, item, 1).then().statusCode(201).extract().jsonPath();
    assertEquals(1.0, after.getDouble("yourScore"));
    assertEquals(AUTOMATED.get(0), after.getDouble("reveal.automated"), 1e-9);
    assertEquals(List.of(3.0), after.getList("reveal.otherScores", Double.class));
    score(second.key(), blind, item, 2)
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
    assertTrue(queue(second.key(), blind).isEmpty());
  }

  @Test
  void otherWorkspacesGradersAndReviewersAreKeptOut() {
    Api.Workspace other = Api.createWorkspace("calib-other");
    String otherReviewer = Api.issueKey(other.adminKey(), "reviewer");
    as(other.adminKey()).get("/api/v1/calibration-sets/{id}", setId).then().statusCode(404);
    as(otherReviewer).get("/api/v1/calibration-sets/{id}/queue", setId).then().statusCode(404);
    as(otherReviewer).get("/api/v1/calibration-sets/{id}/report", setId).then().statusCode(404);
    as(other.adminKey())
        .get("/api/v1/calibration-sets")
        .then()
        .statusCode(200)
        .body("$", hasSize(0));
    as(other.adminKey())
        .contentType(ContentType.JSON)
        .body(Map.of("name", "x", "gradeIds", GRADES))
        .post("/api/v1/calibration-sets")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    as(grader).get("/api/v1/calibration-sets/{id}/queue", setId).then().statusCode(403);
    as(REVIEWERS.get(0).key())
        .contentType(ContentType.JSON)
        .body(Map.of("name", "x", "gradeIds", GRADES))
        .post("/api/v1/calibration-sets")
        .then()
        .statusCode(403);
  }

  @Test
  void aSampledSetIsDrawnFromRecentGradesBySeed() {
    Map<String, Object> body =
        Map.of("name", "sampled", "sample", Map.of("size", 2, "questionId", Q, "seed", 7));
    String a = createSet(admin, body);
    String b = createSet(admin, body);
    List<String> first =
        as(admin).get("/api/v1/calibration-sets/{id}", a).jsonPath().getList("gradeIds");
    assertEquals(2, first.size());
    assertTrue(GRADES.containsAll(first), first.toString());
    assertEquals(
        first, as(admin).get("/api/v1/calibration-sets/{id}", b).jsonPath().getList("gradeIds"));
  }

  @Test
  void badRequestsAreProblems() {
    for (Map<String, Object> body :
        List.<Map<String, Object>>of(
            Map.of("name", "x"),
            Map.of("name", "x", "sample", Map.of("size", 0)),
            Map.of("name", "", "gradeIds", GRADES),
            Map.of("name", "x", "gradeIds", GRADES, "sample", Map.of("size", 1)))) {
      as(admin)
          .contentType(ContentType.JSON)
          .body(body)
          .post("/api/v1/calibration-sets")
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
    String item = (String) queue(admin, setId).get(0).get("id");
    score(admin, setId, item, 5).then().statusCode(400).contentType("application/problem+json");
    as(admin)
        .get("/api/v1/calibration-sets/{id}/report?period=fortnight", setId)
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    as(admin)
        .get("/api/v1/calibration-sets/not-a-uuid")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  private static Key reviewer(String adminKey) {
    JsonPath issued =
        as(adminKey)
            .contentType(ContentType.JSON)
            .body(Map.of("name", "reviewer " + REVIEWERS.size(), "role", "reviewer"))
            .post("/api/v1/keys")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    return new Key(issued.getString("key"), issued.getString("id"));
  }

  private static String createSet(String key, Map<String, Object> body) {
    return as(key)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/calibration-sets")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static List<Map<String, Object>> queue(String key, String set) {
    return as(key)
        .get("/api/v1/calibration-sets/{id}/queue", set)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("$");
  }

  private static io.restassured.response.Response score(
      String key, String set, String item, double score) {
    return as(key)
        .contentType(ContentType.JSON)
        .body(Map.of("score", score))
        .post("/api/v1/calibration-sets/{id}/items/{item}/scores", set, item);
  }

  private static JsonPath report(String key, String query) {
    return report(key, setId, query);
  }

  private static JsonPath report(String key, String set, String query) {
    return as(key)
        .get("/api/v1/calibration-sets/" + set + "/report" + query)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
  }

  private static Map<String, Object> row(JsonPath report, Key reviewer) {
    List<Map<String, Object>> rows = report.getList("reviewers");
    return rows.stream()
        .filter(r -> reviewer.id().equals(r.get("reviewerKey")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + reviewer.id() + " in " + rows));
  }

  @SuppressWarnings("unchecked")
  private static Object path(Map<String, Object> row, String dotted) {
    Object current = row;
    for (String part : dotted.split("\\.")) {
      current = ((Map<String, Object>) current).get(part);
    }
    return current;
  }

  private static double at(Map<String, Object> row, String dotted) {
    return ((Number) path(row, dotted)).doubleValue();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> row, String key) {
    return (List<Map<String, Object>>) row.get(key);
  }
}

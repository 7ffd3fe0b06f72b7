package dev.assay.calibration;

import static dev.assay.support.Api.as;
import static dev.assay.support.Api.grade;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Grader configurations, the promotion gate and shadow grading, each in a workspace of its own
 * holding five built-in questions and their 45 gold answers as the gate set (the real bank, the
 * real embedding model, the real database; the offline grader, since no LLM is reachable here).
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalibrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> BANK_FILES =
      List.of(
          "bank/areas.yaml",
          "bank/questions/01-ml-fundamentals.yaml",
          "bank/questions/04-evaluation-metrics.yaml");

  @jakarta.inject.Inject javax.sql.DataSource db;

  private List<Map<String, Object>> gateRows;
  private String lastSlug;

  @BeforeAll
  void readGold() throws IOException {
    Set<String> questions =
        Set.of(
            "mlf-fraud-model-choice",
            "mlf-wide-churn-baseline",
            "eval-deterioration-alert-threshold",
            "eval-ranking-offline-online-gap",
            "eval-readmission-validation-design");
    gateRows = new ArrayList<>();
    for (String line : resource("eval-sets/assay-bank-gold.jsonl").split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> row = JSON.readValue(line, Map.class);
      if (questions.contains(row.get("question_id"))) {
        gateRows.add(row);
      }
    }
    assertEquals(45, gateRows.size());
  }

  private static String resource(String name) throws IOException {
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A fresh workspace with the five questions and the gate set; returns its admin key. */
  private String workspace() throws IOException {
    Api.Workspace workspace = Api.createWorkspace("cal");
    lastSlug = workspace.slug();
    String admin = workspace.adminKey();
    Api.importBank(admin, BANK_FILES.toArray(String[]::new));
    as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("name", "gold-subset", "rows", gateRows))
        .put("/api/v1/gate-set")
        .then()
        .statusCode(200)
        .body("rows", equalTo(45));
    return admin;
  }

  private static void saveConfig(String admin, String name, Map<String, Object> spec) {
    as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("name", name, "spec", spec))
        .post("/api/v1/grader-configs")
        .then()
        .statusCode(201)
        .body("ref", equalTo(name + "@1"))
        .body("active", equalTo(false));
  }

  /** Requests a promotion and waits for the gate's decision. */
  private static JsonPath promote(String admin, Map<String, Object> body) {
    String id =
        as(admin)
            .contentType(ContentType.JSON)
            .body(body)
            .post("/api/v1/promotions")
            .then()
            .statusCode(202)
            .body("status", equalTo("evaluating"))
            .extract()
            .path("id");
    return Api.awaitBody(
        admin,
        "/api/v1/promotions/{id}",
        p -> !p.getString("status").equals("evaluating"),
        Duration.ofMinutes(3),
        id);
  }

  private static String activeRef(String admin) {
    List<Map<String, Object>> configs =
        as(admin)
            .get("/api/v1/grader-configs")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    return configs.stream()
        .filter(c -> Boolean.TRUE.equals(c.get("active")))
        .map(c -> (String) c.get("ref"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aDeliberatelyWorseConfigurationIsRefusedAndNothingChanges() throws IOException {
    String admin = workspace();
    // Every retrieved exemplar shown with another exemplar's grade: the grader is misled.
    saveConfig(admin, "misled", Map.of("mode", "offline", "exemplars", "shuffled"));

    JsonPath decision = promote(admin, Map.of("config", "misled"));

    assertEquals("refused", decision.getString("status"), decision.prettify());
    assertEquals("misled@1", decision.getString("candidate"));
    assertEquals("deployment-default@0", decision.getString("activeAtRequest"));
    assertFalse(decision.getBoolean("decision.gate.promote"));
    assertEquals(45, decision.getInt("decision.gate.gradedRows"));
    double activeQwk = decision.getDouble("decision.gate.checks.qwk.active");
    double candidateQwk = decision.getDouble("decision.gate.checks.qwk.candidate");
    assertTrue(candidateQwk < activeQwk - 0.02, decision.prettify());
    assertTrue(
        decision.getList("decision.gate.reasons", String.class).stream()
            .anyMatch(r -> r.startsWith("QWK")),
        decision.prettify());
    assertNotNull(
        decision.getString("decision.gate.checks.qwk.changeCi.low"), "paired interval reported");
    assertFalse(decision.getBoolean("decision.gate.checks.qwk.passed"));
    assertEquals(Set.of("qwk", "smd"), decision.getMap("decision.gate.checks").keySet());
    assertEquals("deployment-default@0", activeRef(admin));

    // Both gate runs are stored with their reports, on the same 45 answers.
    for (String run :
        List.of(decision.getString("activeRunId"), decision.getString("candidateRunId"))) {
      as(admin)
          .get("/api/v1/eval-runs/{id}", run)
          .then()
          .statusCode(200)
          .body("run.purpose", equalTo("gate"))
          .body("run.status", equalTo("done"))
          .body("report.gradedRows", equalTo(45));
      as(admin)
          .get("/api/v1/eval-runs/{id}/report.html", run)
          .then()
          .statusCode(200)
          .contentType(containsString("text/html"))
          .body(containsString("<svg"));
    }
    // Live grades still come from the deployment default.
    JsonPath g =
        grade(
            admin,
            "mlf-fraud-model-choice",
            "Start with gradient boosted trees on transaction features.");
    assertEquals("deployment-default", g.getString("provenance.graderConfig.name"));
  }

  @Test
  void aConfigurationThatIsNotWorsePassesAndGradesLiveTraffic() throws IOException {
    String admin = workspace();
    saveConfig(admin, "explicit", Map.of("mode", "offline", "k", 3));
    // Saving the same configuration again is not a new version.
    as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("name", "explicit", "spec", Map.of("mode", "offline", "k", 3)))
        .post("/api/v1/grader-configs")
        .then()
        .statusCode(200)
        .body("version", equalTo(1));

    JsonPath decision = promote(admin, Map.of("config", "explicit"));

    assertEquals("promoted", decision.getString("status"), decision.prettify());
    assertEquals(
        0.0,
        decision.getDouble("decision.gate.checks.qwk.change"),
        1e-9,
        "same grader, same scores");
    assertEquals("explicit@1", activeRef(admin));
    JsonPath g =
        grade(
            admin,
            "mlf-fraud-model-choice",
            "Start with gradient boosted trees on transaction features.");
    assertEquals("explicit", g.getString("provenance.graderConfig.name"));
    assertEquals(1, g.getInt("provenance.graderConfig.version"));
    // Nothing left to promote: the candidate is the active configuration.
    as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("config", "explicit"))
        .post("/api/v1/promotions")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("type", containsString("nothing-to-promote"));
  }

  @Test
  void pendingExemplarsFromOverridesEnterOnlyThroughTheGate() throws IOException {
    String admin = workspace();
    String question = "eval-deterioration-alert-threshold";
    String answer =
        "I would pick the alert threshold from the cost of a missed deterioration versus the cost"
            + " of nurse time per false alarm, validate it on a later period than training, check"
            + " calibration per ward and report alerts per day next to sensitivity.";
    String gradeId = grade(admin, question, answer).getString("id");
    as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("overall", 3.5, "reasonCode", "too-harsh", "reason", "covers the trade-off"))
        .post("/api/v1/grades/{id}/overrides", gradeId)
        .then()
        .statusCode(201);
    String exemplarId =
        as(admin)
            .contentType(ContentType.JSON)
            .body(Map.of())
            .post("/api/v1/grades/{id}/promotions", gradeId)
            .then()
            .statusCode(201)
            .body("status", equalTo("pending"))
            .extract()
            .path("id");

    JsonPath decision = promote(admin, Map.of());

    assertEquals("deployment-default@0", decision.getString("candidate"));
    assertTrue(decision.getBoolean("includePendingExemplars"));
    assertEquals(1, decision.getInt("decision.pendingExemplarsMeasured"));
    List<Map<String, Object>> exemplars =
        as(admin)
            .queryParam("includeInactive", true)
            .get("/api/v1/questions/{id}/exemplars", question)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    Map<String, Object> promoted =
        exemplars.stream().filter(e -> exemplarId.equals(e.get("id"))).findFirst().orElseThrow();
    // One well-scored answer more among 45 gate answers moves QWK by less than the margin.
    assertEquals("promoted", decision.getString("status"), decision.prettify());
    assertEquals(List.of(question + "/" + exemplarId), decision.getList("activatedExemplars"));
    assertEquals("active", promoted.get("status"));
    assertEquals(true, promoted.get("active"));
    // Nothing is pending any more: a second request has nothing to gate.
    as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of())
        .post("/api/v1/promotions")
        .then()
        .statusCode(422)
        .body("type", containsString("nothing-to-promote"));
  }

  @Test
  void shadowGradesAreStoredButNeverReachClients() throws IOException {
    String admin = workspace();
    String grader = Api.issueKey(admin, "grader");
    saveConfig(admin, "rubric-only", Map.of("mode", "offline", "exemplars", "none"));
    as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("config", "rubric-only"))
        .put("/api/v1/shadow")
        .then()
        .statusCode(200)
        .body("config", equalTo("rubric-only@1"))
        .body("active", equalTo("deployment-default@0"));

    List<String> ids = new ArrayList<>();
    for (Map<String, Object> row : gateRows.subList(0, 6)) {
      JsonPath g = grade(grader, (String) row.get("question_id"), (String) row.get("answer"));
      assertEquals("deployment-default", g.getString("provenance.graderConfig.name"));
      ids.add(g.getString("id"));
    }
    // Reviewers confirm two of them: the report compares both graders with people there.
    for (String id : ids.subList(0, 2)) {
      as(admin)
          .contentType(ContentType.JSON)
          .body(Map.of())
          .post("/api/v1/grades/{id}/confirmations", id)
          .then()
          .statusCode(201);
    }
    JsonPath report =
        Api.awaitBody(
            admin,
            "/api/v1/shadow/report",
            r -> r.getInt("shadowGrades") == 6,
            Duration.ofMinutes(1));
    assertEquals(6, report.getInt("shadowGrades"), report.prettify());
    assertEquals("rubric-only@1", report.getString("shadowConfig"));
    assertEquals(6, report.getInt("shadowVsActive.n"));
    assertEquals(2, report.getInt("reviewed"));
    assertEquals(2, report.getInt("shadowVsHuman.n"));
    assertEquals(1.0, report.getDouble("activeVsHuman.exact"), 1e-9, "confirmed = active's score");

    // No grade endpoint shows a shadow grade: the log holds exactly the six live grades.
    as(admin)
        .queryParam("size", 100)
        .get("/api/v1/grades")
        .then()
        .statusCode(200)
        .body("total", equalTo(6))
        .body("items.provenance.graderConfig.name", not(hasItem("rubric-only")));
    for (String id : ids) {
      as(grader)
          .get("/api/v1/grades/{id}", id)
          .then()
          .statusCode(200)
          .body("provenance.graderConfig.name", equalTo("deployment-default"));
    }
    String export =
        as(admin).queryParam("format", "jsonl").get("/api/v1/exports/grades").asString();
    assertEquals(6, export.lines().count());
    assertFalse(export.contains("rubric-only"), "exports carry no shadow grade");

    // Only admins start shadow grading; stopping it keeps the report's grades.
    as(grader)
        .contentType(ContentType.JSON)
        .body(Map.of("config", "rubric-only"))
        .put("/api/v1/shadow")
        .then()
        .statusCode(403);
    as(admin).delete("/api/v1/shadow").then().statusCode(204);
    grade(grader, "mlf-fraud-model-choice", "Use logistic regression with class weights.");
    as(admin).get("/api/v1/shadow/report").then().statusCode(409);
    as(admin)
        .queryParam("config", "rubric-only")
        .get("/api/v1/shadow/report")
        .then()
        .statusCode(200)
        .body("shadowGrades", equalTo(6));
  }

  /** A promotion left "evaluating" by a process that stopped, last seen {@code minutesAgo}. */
  private UUID orphanGate(int minutesAgo) throws java.sql.SQLException {
    UUID id = UUID.randomUUID();
    try (var c = db.getConnection();
        var ps =
            c.prepareStatement(
                "INSERT INTO promotion (id, workspace_id, include_pending, status, updated_at)"
                    + " VALUES (?, (SELECT id FROM workspace WHERE slug = ?), false, 'evaluating',"
                    + " now() - make_interval(mins => ?))")) {
      ps.setObject(1, id);
      ps.setString(2, lastSlug);
      ps.setInt(3, minutesAgo);
      ps.executeUpdate();
    }
    return id;
  }

  @Test
  void oneGateAtATimeAndAGateThatDiedWithItsProcessDoesNotBlockTheNext() throws Exception {
    String admin = workspace();
    UUID dead = orphanGate(60);
    saveConfig(admin, "explicit", Map.of("mode", "offline", "k", 3));

    assertEquals("promoted", promote(admin, Map.of("config", "explicit")).getString("status"));
    as(admin)
        .get("/api/v1/promotions/{id}", dead)
        .then()
        .statusCode(200)
        .body("status", equalTo("failed"))
        .body("decision.error", containsString("abandoned"));

    orphanGate(1); // still fresh: another gate may be working
    saveConfig(admin, "smaller-k", Map.of("mode", "offline", "k", 2));
    as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("config", "smaller-k"))
        .post("/api/v1/promotions")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", containsString("gate-busy"));
  }

  @Test
  void anApiRunOfTheGateSetGradesAgainstTheWorkspacesOwnBank() throws IOException {
    String admin = workspace();
    String id =
        as(admin)
            .contentType(ContentType.JSON)
            .body(Map.of("gateSet", true, "ablations", List.of("none")))
            .post("/api/v1/eval-runs")
            .then()
            .statusCode(202)
            .body("purpose", equalTo("api"))
            .body("dataset", equalTo("gold-subset"))
            .extract()
            .path("id");
    JsonPath run = Api.awaitEvalRun(admin, id, Duration.ofMinutes(2));
    assertEquals("done", run.getString("run.status"), run.prettify());
    assertTrue(run.getString("report.protocol").startsWith("against the workspace's bank"));
    assertEquals(5, run.getInt("report.questions"));
    assertEquals(45, run.getInt("report.gradedRows"));
    assertEquals(0, run.getInt("report.excludedRows"));
    // Graded against the bank's exemplars: showing them beats hiding them on these answers.
    assertTrue(
        run.getDouble("report.grader.qwk")
            > run.getDouble("report.ablations.'exemplars: none'.summary.qwk"),
        "retrieval helps on the gold answers: " + run.prettify());
    // Another workspace cannot read the run.
    Api.given().get("/api/v1/eval-runs/{id}", id).then().statusCode(404);
  }

  @Test
  void badConfigurationsAndGateSetsAreRefusedWithProblems() throws IOException {
    String admin = workspace();
    as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("name", "x", "spec", Map.of("mode", "magic", "k", 0)))
        .post("/api/v1/grader-configs")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("spec.mode"))
        .body("errors.field", hasItem("spec.k"));
    as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("name", "llm-one", "spec", Map.of("mode", "llm")))
        .post("/api/v1/grader-configs")
        .then()
        .statusCode(422)
        .body("type", containsString("llm-not-configured"));
    as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("config", "no-such-config"))
        .post("/api/v1/promotions")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    Map<String, Object> bad = new java.util.HashMap<>(gateRows.get(0));
    bad.put("score", 99);
    as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("name", "broken", "rows", List.of(gateRows.get(1), bad)))
        .put("/api/v1/gate-set")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("rows[1]"));
    // The previous gate set is intact.
    as(admin).get("/api/v1/gate-set").then().statusCode(200).body("rows", equalTo(45));
  }
}

package dev.assay.batch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.assay.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.assay.support.Api;
import dev.assay.support.TestWorkspace;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Batches over REST: queued, graded by the workers, followed, exported, called back. */
@QuarkusTest
class BatchGradingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String Q1 = "batch-q1";
  static final String Q2 = "batch-q2";

  private String admin;
  private String grader;

  @BeforeEach
  void workspace() {
    admin = TestWorkspace.withQuestions("batch", Q1, Q2);
    grader = Api.issueKey(admin, "grader");
  }

  static Map<String, Object> item(String question, String candidate, int i) {
    return Map.of(
        "questionId",
        question,
        "candidateRef",
        candidate,
        "answer",
        "Answer "
            + i
            + ": I would log which passages were retrieved, measure recall on real questions"
            + " and make the assistant cite passage ids or abstain when nothing supports it.");
  }

  private String submit(Object body) {
    return as(grader)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/grade-batches")
        .then()
        .statusCode(202)
        .header("Location", containsString("/api/v1/grade-batches/"))
        .extract()
        .path("id");
  }

  private JsonPath awaitDone(String id) {
    return Api.awaitBody(
        grader,
        "/api/v1/grade-batches/{id}",
        b -> "done".equals(b.getString("status")),
        Duration.ofMinutes(5),
        id);
  }

  @Test
  void aBatchIsGradedOnceAndItsResultsArePagedAndExported() throws Exception {
    // given a batch of seven answers to two questions
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      items.add(item(i % 2 == 0 ? Q1 : Q2, "cand-" + run + "-" + i, i));
    }
    // when it is submitted and the workers grade it
    String id = submit(Map.of("items", items));
    JsonPath batch = awaitDone(id);
    // then every answer has exactly one grade, and the progress adds up
    assertEquals(7, batch.getInt("total"));
    assertEquals(7, batch.getInt("done"));
    assertEquals(0, batch.getInt("failed"));
    assertEquals(0, batch.getInt("remaining"));
    assertEquals(0, batch.getInt("etaSeconds"));
    assertTrue(batch.getDouble("ratePerSecond") > 0);
    JsonPath page =
        as(grader)
            .queryParam("size", 5)
            .get("/api/v1/grade-batches/{id}/results", id)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(List.of(1, 2, 3, 4, 5), page.getList("items.line"));
    assertEquals(7, page.getInt("total"));
    assertEquals("cand-" + run + "-0", page.getString("items[0].candidateRef"));
    assertEquals(Q1, page.getString("items[0].grade.questionId"));
    String export =
        as(grader)
            .queryParam("format", "jsonl")
            .get("/api/v1/grade-batches/{id}/results", id)
            .then()
            .statusCode(200)
            .contentType("application/x-ndjson")
            .extract()
            .asString();
    List<String> lines = export.lines().toList();
    assertEquals(7, lines.size());
    HashSet<String> gradeIds = new HashSet<>();
    for (int i = 0; i < 7; i++) {
      JsonNode r = JSON.readTree(lines.get(i));
      assertEquals(i + 1, r.get("line").asInt());
      assertEquals("done", r.get("status").asText());
      gradeIds.add(r.get("grade").get("id").asText());
      // the grade is in the log once, as the submitting key's
      List<String> logged =
          as(grader)
              .queryParam("candidateRef", "cand-" + run + "-" + i)
              .get("/api/v1/grades")
              .then()
              .statusCode(200)
              .extract()
              .path("items.id");
      assertEquals(List.of(r.get("grade").get("id").asText()), logged);
    }
    assertEquals(7, gradeIds.size());
    // and another grader key cannot see the batch
    as(Api.issueKey(admin, "grader")).get("/api/v1/grade-batches/{id}", id).then().statusCode(404);
  }

  @Test
  void aJsonLinesUploadIsABatch() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      body.append(write(item(Q2, "jl-" + run + "-" + i, i))).append('\n');
    }
    String id =
        as(grader)
            .contentType("application/x-ndjson")
            .body((body + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .post("/api/v1/grade-batches")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    JsonPath batch = awaitDone(id);
    assertEquals(3, batch.getInt("done"));
  }

  @Test
  void aBadBatchIsRefusedWholeNamingEveryBadLine() {
    String run = "bad-" + UUID.randomUUID().toString().substring(0, 8);
    String lines =
        write(item(Q1, run, 1))
            + "\n"
            + "{\"questionId\": \"batch-q1\"}\n"
            + write(item("no-such-question", run, 3))
            + "\n"
            + "not json\n";
    as(grader)
        .contentType("application/x-ndjson")
        .body(lines.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .post("/api/v1/grade-batches")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("code", org.hamcrest.Matchers.equalTo("invalid-batch"))
        .body("errors.field", hasItems("line 2.answer", "line 3.questionId", "line 4"));
    as(grader)
        .contentType(ContentType.JSON)
        .body(Map.of("items", List.of(item(Q1, run, 1), Map.of("answer", "no question named"))))
        .post("/api/v1/grade-batches")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItems("items[1].questionId"));
    as(grader)
        .contentType(ContentType.JSON)
        .body(Map.of("items", List.of()))
        .post("/api/v1/grade-batches")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    as(grader)
        .contentType(ContentType.JSON)
        .body(Map.of("items", List.of(item(Q1, run, 1)), "callbackUrl", "file:///etc/passwd"))
        .post("/api/v1/grade-batches")
        .then()
        .statusCode(400)
        .body("errors.field", hasItems("callbackUrl"));
    // nothing of the refused batches was graded
    assertEquals(
        List.of(),
        as(grader)
            .queryParam("candidateRef", run)
            .get("/api/v1/grades")
            .then()
            .statusCode(200)
            .extract()
            .path("items"));
  }

  @Test
  void theCallbackIsSignedWithTheWorkspaceSecretAndRetried() throws Exception {
    WireMockServer hook = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    hook.start();
    try {
      // given a receiver that fails once, then accepts
      hook.stubFor(
          post(urlEqualTo("/hook"))
              .inScenario("flaky")
              .whenScenarioStateIs(Scenario.STARTED)
              .willReturn(aResponse().withStatus(503))
              .willSetStateTo("up"));
      hook.stubFor(
          post(urlEqualTo("/hook"))
              .inScenario("flaky")
              .whenScenarioStateIs("up")
              .willReturn(aResponse().withStatus(204)));
      String secret =
          as(admin)
              .get("/api/v1/grade-batches/callback-secret")
              .then()
              .statusCode(200)
              .extract()
              .path("secret");
      // when a batch with a callback finishes
      String url = "http://127.0.0.1:" + hook.port() + "/hook";
      String id =
          submit(
              Map.of("items", List.of(item(Q1, "cb-" + UUID.randomUUID(), 1)), "callbackUrl", url));
      awaitDone(id);
      JsonPath delivered =
          Api.awaitBody(
              grader,
              "/api/v1/grade-batches/{id}",
              b -> "delivered".equals(b.getString("callback.status")),
              Duration.ofMinutes(2),
              id);
      // then it was tried twice, and the delivery carries a valid signature over its body
      assertEquals(2, delivered.getInt("callback.attempts"));
      hook.verify(2, postRequestedFor(urlEqualTo("/hook")));
      LoggedRequest last = hook.getAllServeEvents().get(0).getRequest();
      String body = last.getBodyAsString();
      String header = last.getHeader("Assay-Signature");
      assertNotNull(header);
      String t = header.substring(2, header.indexOf(','));
      String v1 = header.substring(header.indexOf("v1=") + 3);
      assertEquals(CallbackSecrets.hmac(secret, t + "." + body), v1);
      assertTrue(Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(t)) < 300);
      JsonNode payload = JSON.readTree(body);
      assertEquals(id, payload.get("batchId").asText());
      assertEquals(1, payload.get("done").asInt());
      assertEquals(id, last.getHeader("Assay-Batch-Id"));
      // and a different secret would not verify
      assertTrue(!CallbackSecrets.hmac(secret + "x", t + "." + body).equals(v1));
    } finally {
      hook.stop();
    }
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

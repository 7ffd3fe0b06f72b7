package dev.assay.grading;

import static dev.assay.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.support.Api;
import dev.assay.support.TestWorkspace;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exact idempotency, offline: a retry replays the first response byte for byte, the same key with
 * another body is refused, and concurrent requests with one key run the pipeline once.
 */
@QuarkusTest
class IdempotencyTest {
  private static final String QUESTION = OfflineGradingTest.QUESTION;
  private static final Pattern RUNS =
      Pattern.compile("(?m)^assay_grading_runs_total(?:\\{[^}]*\\})? ([0-9.eE+]+)$");

  @TestHTTPResource("/api/v1/grades")
  URI grades;

  @Inject DataSource dataSource;
  @Inject IdempotencyKeys keys;

  /**
   * The first grade of a fresh service loads the embedding and scoring models, which on a busy
   * machine can outlast REST Assured's timeout; it is made here, with a patient client.
   */
  private static boolean warm;

  /** The admin of this class's own workspace, whose grade log holds only this class's grades. */
  private static String admin;

  @BeforeEach
  void warmUp() throws Exception {
    if (warm) {
      return;
    }
    admin = TestWorkspace.withBuiltInQuestions("idempotency", QUESTION);
    HttpRequest first =
        HttpRequest.newBuilder(grades)
            .timeout(Duration.ofMinutes(5))
            .header("Authorization", "Bearer " + admin)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body(answer())))
            .build();
    HttpResponse<String> r =
        HttpClient.newHttpClient().send(first, HttpResponse.BodyHandlers.ofString());
    assertEquals(201, r.statusCode(), r.body());
    warm = true;
  }

  private static String body(String answer) {
    return "{\"questionId\":\""
        + QUESTION
        + "\",\"candidateRef\":\"idem\",\"answer\":\""
        + answer
        + "\"}";
  }

  private static Response post(String key, String body) {
    return as(admin)
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", key)
        .body(body)
        .post("/api/v1/grades");
  }

  private static String answer() {
    return OfflineGradingTest.STRONG_PARAPHRASE + " Run " + UUID.randomUUID() + ".";
  }

  @Test
  void aRetryReplaysTheFirstResponseExactly() {
    String key = UUID.randomUUID().toString();
    String body = body(answer());
    Response first = post(key, body);
    Response again = post(key, body);
    assertEquals(201, first.statusCode());
    assertEquals(201, again.statusCode());
    assertEquals(first.body().asString(), again.body().asString(), "the same bytes");
    assertEquals(first.header("Location"), again.header("Location"));
    assertEquals(null, first.header("Idempotent-Replayed"));
    assertEquals("true", again.header("Idempotent-Replayed"));
  }

  @Test
  void theSameBodyWithKeysInADifferentOrderIsTheSameRequest() {
    String key = UUID.randomUUID().toString();
    String answer = answer();
    String id = post(key, body(answer)).then().statusCode(201).extract().path("id");
    String reordered =
        "{\"answer\":\""
            + answer
            + "\",\"candidateRef\":\"idem\",\"questionId\":\""
            + QUESTION
            + "\",\"tags\":[]}";
    post(key, reordered).then().statusCode(201).body("id", equalTo(id));
  }

  @Test
  void theSameKeyWithADifferentBodyIs422() {
    String key = UUID.randomUUID().toString();
    post(key, body(answer())).then().statusCode(201);
    post(key, body(answer()))
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("code", equalTo("idempotency-key-reused"))
        .body("title", equalTo("Idempotency-Key reused with a different request"));
  }

  @Test
  void aRefusedRequestDoesNotUseTheKey() {
    String key = UUID.randomUUID().toString();
    post(key, "{\"questionId\":\"no-such-question\",\"answer\":\"x\"}").then().statusCode(404);
    post(key, body(answer())).then().statusCode(201);
  }

  @Test
  void twentyConcurrentRequestsWithOneKeyRunThePipelineOnce() throws Exception {
    // given: twenty requests with one new key
    String key = UUID.randomUUID().toString();
    double runsBefore = pipelineRuns();
    // when: they are released at once
    List<HttpResponse<String>> answers = sendAtOnce(grades, admin, key, body(answer()), 20);
    // then: one grade, one run, and every request got it
    assertOneGradeForAll(answers);
    assertEquals(1, gradesLoggedUnder(dataSource, key));
    assertEquals(1.0, pipelineRuns() - runsBefore);
  }

  /**
   * Sends {@code n} grade requests as {@code apiKey} with one idempotency key at the same moment;
   * returns their answers.
   */
  static List<HttpResponse<String>> sendAtOnce(
      URI grades, String apiKey, String key, String body, int n) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(grades)
            .header("Authorization", "Bearer " + apiKey)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<HttpResponse<String>>> sent = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < n; i++) {
        sent.add(
            pool.submit(
                () -> {
                  start.await();
                  return http.send(request, HttpResponse.BodyHandlers.ofString());
                }));
      }
      start.countDown();
      List<HttpResponse<String>> answers = new ArrayList<>();
      for (Future<HttpResponse<String>> f : sent) {
        answers.add(f.get());
      }
      return answers;
    }
  }

  /** Every answer is the one 201 response; all but the first are marked as replays. */
  static void assertOneGradeForAll(List<HttpResponse<String>> answers) {
    String statuses =
        answers.stream().map(r -> r.statusCode() + " " + r.body()).toList().toString();
    assertTrue(answers.stream().allMatch(r -> r.statusCode() == 201), statuses);
    Set<String> bodies = answers.stream().map(HttpResponse::body).collect(Collectors.toSet());
    assertEquals(1, bodies.size(), "every request gets the one response");
    assertEquals(
        answers.size() - 1,
        answers.stream()
            .filter(r -> r.headers().firstValue("Idempotent-Replayed").isPresent())
            .count());
  }

  @Test
  void aKeyIsForgottenAfterItsRetention() throws SQLException {
    String key = UUID.randomUUID().toString();
    String body = body(answer());
    post(key, body).then().statusCode(201);
    long workspace = workspaceOf(key);
    IdempotencyKeys.Claim claim = new IdempotencyKeys.Claim(workspace, key, "other", null);
    UUID next = UUID.randomUUID();
    // A reservation within the retention stays; one past it (zero retention) is forgotten.
    assertTrue(!keys.reserve(claim, next, Duration.ofMinutes(1), Duration.ofHours(24)));
    assertTrue(keys.reserve(claim, next, Duration.ofMinutes(1), Duration.ZERO));
    keys.release(claim, next);
    post(key, body).then().statusCode(201).header("Idempotent-Replayed", nullValue());
  }

  static long gradesLoggedUnder(DataSource dataSource, String key) throws SQLException {
    try (var c = dataSource.getConnection();
        var ps = c.prepareStatement("SELECT count(*) AS n FROM grade WHERE idempotency_key = ?")) {
      ps.setString(1, key);
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong("n");
      }
    }
  }

  private long workspaceOf(String key) throws SQLException {
    try (var c = dataSource.getConnection();
        var ps = c.prepareStatement("SELECT workspace_id FROM idempotency_key WHERE key = ?")) {
      ps.setString(1, key);
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong("workspace_id");
      }
    }
  }

  /** The pipeline-run counter of the running service, from its Prometheus metrics. */
  static double pipelineRuns() {
    Matcher m = RUNS.matcher(Api.given().get("/q/metrics").asString());
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}

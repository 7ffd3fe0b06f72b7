package dev.assay.grading;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.assay.support.Api.ADMIN_KEY;
import static dev.assay.support.Api.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.assay.support.FakeLlmServer;
import dev.assay.support.InFlightProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Many grades waiting for a slow LLM at once (issue 15, target 2, in small): every one succeeds
 * through a pool of {@link InFlightProfile#POOL} connections, no transaction stays open while the
 * LLM works, and one grade over {@link InFlightProfile#MAX_IN_FLIGHT} is refused at once with 503 +
 * Retry-After.
 */
@QuarkusTest
@TestProfile(InFlightProfile.class)
@Tag("in-flight-profile")
class GradesInFlightTest {
  private static final String QUESTION = OfflineGradingTest.QUESTION;
  private static final String CHAT = "/v1/chat/completions";
  private static final String QUOTE = "I would pick the threshold on a later held-out period.";
  private static final Pattern IN_FLIGHT =
      Pattern.compile("(?m)^assay_grades_in_flight(?:\\{[^}]*\\})? ([0-9.]+)");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LLM_DELAY = Duration.ofSeconds(3);

  @TestHTTPResource("/api/v1/grades")
  URI grades;

  private final HttpClient http = HttpClient.newHttpClient();
  private WireMockServer llm;
  private String run;

  @BeforeEach
  void setUp() {
    llm = FakeLlmServer.server();
    llm.resetAll();
    run = UUID.randomUUID().toString();
  }

  @Test
  void manyGradesWaitingForASlowLlmAllSucceedWithinThePool() throws Exception {
    // given: an LLM that takes 3 s per call
    replyAfter(LLM_DELAY);

    // when: as many grades as may be in flight arrive at once, every other one with a key,
    // while the database's client connections are sampled every 20 ms
    try (DatabaseSampler db = new DatabaseSampler()) {
      List<HttpResponse<String>> answers = sendAtOnce(InFlightProfile.MAX_IN_FLIGHT, 0);

      // then: all graded by the LLM, within the pool, with no transaction open while waiting
      for (HttpResponse<String> r : answers) {
        assertEquals(201, r.statusCode(), r.body());
        assertEquals("llm", JSON.readTree(r.body()).get("mode").asText(), r.body());
      }
      assertEquals(
          InFlightProfile.MAX_IN_FLIGHT, llm.findAll(postRequestedFor(urlEqualTo(CHAT))).size());
      assertTrue(db.samples() > 10, "samples taken: " + db.samples());
      assertTrue(
          db.maxConnections() <= InFlightProfile.POOL,
          "connections at most the pool: " + db.maxConnections());
      // A transaction of several statements (the log insert) is idle between them for a moment;
      // one held across the LLM call would be idle for the call's whole delay.
      assertTrue(
          db.longestIdleInTransactionMs() < LLM_DELAY.toMillis(),
          "longest idle in a transaction: " + db.longestIdleInTransactionMs() + " ms");
    }
  }

  @Test
  void oneGradeOverTheLimitIsRefusedAt503WithRetryAfter() throws Exception {
    // given: as many grades as may be in flight, waiting for an LLM that takes 10 s
    replyAfter(Duration.ofSeconds(10));
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<HttpResponse<String>>> held =
          submit(pool, start, InFlightProfile.MAX_IN_FLIGHT, 0);
      start.countDown();
      await()
          .atMost(Duration.ofSeconds(8))
          .until(() -> inFlight() == InFlightProfile.MAX_IN_FLIGHT);

      // when: one more arrives
      HttpResponse<String> refused = http.send(request(999), HttpResponse.BodyHandlers.ofString());

      // then: it is refused at once, clearly, and nothing of it is logged
      assertEquals(503, refused.statusCode(), refused.body());
      assertEquals("2", refused.headers().firstValue("Retry-After").orElse(null));
      assertTrue(
          refused
              .headers()
              .firstValue("Content-Type")
              .orElse("")
              .startsWith("application/problem+json"));
      assertEquals("overloaded", JSON.readTree(refused.body()).get("code").asText());
      for (Future<HttpResponse<String>> f : held) {
        assertEquals(201, f.get().statusCode(), f.get().body());
      }
    }
    assertEquals(
        0,
        given()
            .queryParam("candidateRef", "inflight-" + run + "-999")
            .get("/api/v1/grades")
            .jsonPath()
            .getInt("total"));
    // and once the others are done there is room again
    replyAfter(Duration.ZERO);
    assertEquals(201, http.send(request(1000), HttpResponse.BodyHandlers.ofString()).statusCode());
    assertEquals(0.0, inFlight());
  }

  private void replyAfter(Duration delay) throws Exception {
    llm.resetAll();
    llm.stubFor(
        post(urlEqualTo(CHAT))
            .willReturn(FakeLlmServer.completion(reply()).withFixedDelay((int) delay.toMillis())));
  }

  private List<HttpResponse<String>> sendAtOnce(int n, int from) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<HttpResponse<String>>> sent = submit(pool, start, n, from);
      start.countDown();
      List<HttpResponse<String>> answers = new ArrayList<>();
      for (Future<HttpResponse<String>> f : sent) {
        answers.add(f.get());
      }
      return answers;
    }
  }

  private List<Future<HttpResponse<String>>> submit(
      ExecutorService pool, CountDownLatch start, int n, int from) {
    List<Future<HttpResponse<String>>> sent = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      HttpRequest request = request(i);
      sent.add(
          pool.submit(
              () -> {
                start.await();
                return http.send(request, HttpResponse.BodyHandlers.ofString());
              }));
    }
    return sent;
  }

  /** Grade request {@code i} of this test: its own answer (no reuse), every other one keyed. */
  private HttpRequest request(int i) {
    String answer =
        "Accuracy misleads at 4% prevalence, so I would launch on recall within thirty alerts per"
            + " shift. "
            + QUOTE
            + " Run "
            + run
            + " answer "
            + i
            + ".";
    String body;
    try {
      body =
          JSON.writeValueAsString(
              Map.of(
                  "questionId",
                  QUESTION,
                  "answer",
                  answer,
                  "candidateRef",
                  "inflight-" + run + "-" + i));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(grades)
            .timeout(Duration.ofSeconds(120))
            .header("Authorization", "Bearer " + ADMIN_KEY)
            .header("Content-Type", "application/json");
    if (i % 2 == 1) {
      b.header("Idempotency-Key", run + "-" + i);
    }
    return b.POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static double inFlight() {
    Matcher m = IN_FLIGHT.matcher(given().get("/q/metrics").asString());
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }

  private static String reply() throws Exception {
    List<String> criteria = LlmReplies.criteria(ADMIN_KEY, QUESTION);
    return LlmReplies.grade(criteria, 2, null, QUOTE);
  }

  /**
   * Samples the service's client connections to its database every 20 ms, on a connection of its
   * own (not the service's pool): how many, and how many are idle inside a transaction.
   */
  private static final class DatabaseSampler implements AutoCloseable {
    private final Connection connection;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger samples = new AtomicInteger();
    private final AtomicInteger maxConnections = new AtomicInteger();
    private final AtomicLong longestIdleMs = new AtomicLong();

    DatabaseSampler() throws SQLException {
      var config = ConfigProvider.getConfig();
      connection =
          DriverManager.getConnection(
              config.getValue("quarkus.datasource.jdbc.url", String.class),
              config.getValue("quarkus.datasource.username", String.class),
              config.getValue("quarkus.datasource.password", String.class));
      timer.scheduleAtFixedRate(this::sample, 0, 20, TimeUnit.MILLISECONDS);
    }

    private void sample() {
      try (Statement s = connection.createStatement();
          ResultSet r =
              s.executeQuery(
                  "SELECT count(*) AS connections, coalesce(max(extract(epoch FROM now() -"
                      + " state_change) * 1000) FILTER (WHERE state = 'idle in transaction'), 0)"
                      + " AS idle_ms FROM pg_stat_activity WHERE datname = current_database() AND"
                      + " pid <> pg_backend_pid() AND backend_type = 'client backend'")) {
        r.next();
        maxConnections.accumulateAndGet(r.getInt("connections"), Math::max);
        longestIdleMs.accumulateAndGet(r.getLong("idle_ms"), Math::max);
        samples.incrementAndGet();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    int samples() {
      return samples.get();
    }

    int maxConnections() {
      return maxConnections.get();
    }

    long longestIdleInTransactionMs() {
      return longestIdleMs.get();
    }

    @Override
    public void close() throws SQLException {
      timer.shutdownNow();
      connection.close();
    }
  }
}

package dev.assay.grading;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.assay.support.Api.ADMIN_KEY;
import static dev.assay.support.Api.grade;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.assay.support.FakeLlmServer;
import dev.assay.support.LlmBreakerProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The LLM circuit breaker: it opens on failures, and after its open window lets one probe by. */
@QuarkusTest
@TestProfile(LlmBreakerProfile.class)
@Tag("llm-breaker-profile")
class LlmBreakerTest {
  private static final String QUESTION = OfflineGradingTest.QUESTION;
  private static final String CHAT = "/v1/chat/completions";
  private static final String QUOTE =
      "I would pick the threshold on a later held-out period with each patient in one split.";

  private final WireMockServer llm = FakeLlmServer.server();
  private final String run = UUID.randomUUID().toString();

  private void replyWith(ResponseDefinitionBuilder response) {
    llm.resetAll();
    llm.stubFor(post(urlEqualTo(CHAT)).withRequestBody(containing(run)).willReturn(response));
  }

  private int calls() {
    return (int)
        llm.findAll(postRequestedFor(urlEqualTo(CHAT))).stream()
            .filter(r -> r.getBodyAsString().contains(run))
            .count();
  }

  private JsonPath gradeOne(String tag) {
    String answer = "Accuracy misleads at low prevalence. " + QUOTE + " Run " + run + " " + tag;
    return grade(
        ADMIN_KEY,
        Map.of("questionId", QUESTION, "answer", answer, "candidateRef", "cand-" + run + tag));
  }

  /** Four grades sent at once. */
  private List<JsonPath> burst(String tag) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<JsonPath>> sent = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String t = tag + "-" + i;
        sent.add(pool.submit(() -> gradeOne(t)));
      }
      List<JsonPath> out = new ArrayList<>();
      for (Future<JsonPath> f : sent) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void anOpenBreakerLetsExactlyOneProbeThroughAfterItsWindow() throws Exception {
    // given two failed calls, which open the breaker (window 2, all failed)
    replyWith(aResponse().withStatus(500).withBody("{}"));
    assertTrue(gradeOne("a").getList("flags").contains("llm-unavailable"));
    assertTrue(gradeOne("b").getList("flags").contains("llm-unavailable"));
    assertEquals(2, calls());

    // when the breaker is open, no call reaches the provider
    JsonPath refused = gradeOne("c");
    assertEquals("fallback", refused.getString("mode"));
    assertTrue(refused.getList("flags").contains("llm-circuit-open"));
    assertEquals(2, calls());
    assertEquals(1, refused.getList("provenance.llmAttempts").size());

    // and after the open window, of four grades at once exactly one probes the (now slow but
    // healthy) provider; the others still fall back
    replyWith(
        FakeLlmServer.completion(
                LlmReplies.grade(LlmReplies.criteria(ADMIN_KEY, QUESTION), 3, null, QUOTE))
            .withFixedDelay(1500));
    AtomicReference<List<JsonPath>> probeBurst = new AtomicReference<>();
    int[] burstNo = {0};
    await()
        .atMost(Duration.ofMillis(LlmBreakerProfile.OPEN_MS * 5))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              List<JsonPath> burst = burst("burst" + burstNo[0]++);
              probeBurst.set(burst);
              return burst.stream().anyMatch(g -> g.getString("mode").equals("llm"));
            });
    List<JsonPath> grades = probeBurst.get();
    assertEquals(1, calls(), "one probe reached the provider");
    assertEquals(1, grades.stream().filter(g -> g.getString("mode").equals("llm")).count());
    assertEquals(
        3, grades.stream().filter(g -> g.getList("flags").contains("llm-circuit-open")).count());

    // then the successful probe closed the breaker
    assertEquals("llm", gradeOne("after").getString("mode"));
    assertEquals(2, calls());
  }
}

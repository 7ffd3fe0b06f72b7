package dev.assay.grading;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.assay.support.FakeLlmServer;
import dev.assay.support.LlmProfile;
import dev.assay.support.TestWorkspace;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Twenty concurrent requests with one Idempotency-Key against the fake LLM: one grade, one pipeline
 * run and one LLM call (before single flight: one grade but 30 LLM calls).
 */
@QuarkusTest
@TestProfile(LlmProfile.class)
@Tag("own-jvm")
class IdempotencyLlmTest {
  private static final String QUESTION = OfflineGradingTest.QUESTION;
  private static final String CHAT = "/v1/chat/completions";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestHTTPResource("/api/v1/grades")
  URI grades;

  @Inject DataSource dataSource;

  @Test
  void twentyConcurrentRequestsWithOneKeyMakeOneLlmCall() throws Exception {
    // given: a fake LLM that takes a moment to answer, so the requests overlap
    String admin = TestWorkspace.withBuiltInQuestions("idempotency-llm", QUESTION);
    String run = UUID.randomUUID().toString();
    String quote = "I would pick the threshold on a later held-out period.";
    String answer =
        "Accuracy misleads at 4% prevalence, so I would launch on recall within thirty alerts per"
            + " shift. "
            + quote
            + " Run "
            + run
            + ".";
    WireMockServer llm = FakeLlmServer.server();
    llm.stubFor(
        post(urlEqualTo(CHAT))
            .withRequestBody(containing(run))
            .willReturn(FakeLlmServer.completion(reply(admin, quote)).withFixedDelay(300)));
    String key = UUID.randomUUID().toString();
    String body =
        JSON.writeValueAsString(
            Map.of("questionId", QUESTION, "answer", answer, "candidateRef", "idem-llm"));
    double runsBefore = IdempotencyTest.pipelineRuns();

    // when: twenty requests with the key arrive at once
    List<HttpResponse<String>> answers = IdempotencyTest.sendAtOnce(grades, admin, key, body, 20);

    // then: one LLM call, one pipeline run, one grade, and everyone got that grade
    IdempotencyTest.assertOneGradeForAll(answers);
    long calls =
        llm.findAll(postRequestedFor(urlEqualTo(CHAT))).stream()
            .filter(r -> r.getBodyAsString().contains(run))
            .count();
    assertEquals(1, calls, "LLM calls");
    assertEquals(1.0, IdempotencyTest.pipelineRuns() - runsBefore, "pipeline runs");
    assertEquals(1, IdempotencyTest.gradesLoggedUnder(dataSource, key), "grades");
    assertEquals("llm", JSON.readTree(answers.get(0).body()).get("mode").asText());
  }

  private static String reply(String admin, String quote) throws Exception {
    List<String> criteria = LlmReplies.criteria(admin, QUESTION);
    List<Map<String, Object>> items = new ArrayList<>();
    for (String key : criteria) {
      Map<String, Object> citation = new java.util.HashMap<>();
      citation.put("exemplarId", null);
      citation.put("quote", quote);
      items.add(
          Map.of(
              "criterion",
              key,
              "score",
              2,
              "rationale",
              "Reasoned about " + key + ".",
              "citations",
              List.of(citation)));
    }
    return JSON.writeValueAsString(
        Map.of("criteria", items, "overallRationale", "Solid on metric choice."));
  }
}

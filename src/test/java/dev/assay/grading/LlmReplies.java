package dev.assay.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.assay.support.Api;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Replies the fake LLM gives in the LLM-mode tests, and what a test needs to write them. */
final class LlmReplies {
  static final String CHAT = "/v1/chat/completions";
  private static final ObjectMapper JSON = new ObjectMapper();

  private LlmReplies() {}

  /** A grade reply scoring every criterion {@code score}, citing {@code quote}. */
  static String grade(List<String> criteria, int score, String exemplarId, String quote)
      throws Exception {
    List<Map<String, Object>> items = new ArrayList<>();
    for (String key : criteria) {
      Map<String, Object> citation = new HashMap<>();
      citation.put("exemplarId", exemplarId);
      citation.put("quote", quote);
      items.add(
          Map.of(
              "criterion",
              key,
              "score",
              score,
              "rationale",
              "Reasoned about " + key + ".",
              "citations",
              List.of(citation)));
    }
    return JSON.writeValueAsString(
        Map.of("criteria", items, "overallRationale", "Solid on metric choice."));
  }

  /**
   * Scripts {@code server}'s replies to the calls that carry {@code run}, in order, one per call;
   * the last one repeats. Only that test's requests move its scenario on: a client-side retry of an
   * earlier test (one the grade had already given up on) can reach the server after the reset.
   */
  static void script(WireMockServer server, String run, ResponseDefinitionBuilder... responses) {
    String state = Scenario.STARTED;
    for (int i = 0; i < responses.length; i++) {
      String next = i == responses.length - 1 ? state : "call-" + (i + 1);
      server.stubFor(
          WireMock.post(WireMock.urlEqualTo(CHAT))
              .withRequestBody(WireMock.containing(run))
              .inScenario("llm-" + run)
              .whenScenarioStateIs(state)
              .willReturn(responses[i])
              .willSetStateTo(next));
      state = next;
    }
  }

  /**
   * The calls of one test only: a trickling reply of an earlier test can reach the request journal
   * after the reset, so calls are matched by the test's run id.
   */
  static List<LoggedRequest> calls(WireMockServer server, String run) {
    return server.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo(CHAT))).stream()
        .filter(r -> r.getBodyAsString().contains(run))
        .toList();
  }

  /** The criterion keys of a question's active rubric in the workspace of {@code key}. */
  static List<String> criteria(String key, String question) {
    return Api.as(key)
        .get("/api/v1/questions/{id}", question)
        .jsonPath()
        .getList("rubric.criteria.key");
  }

  /** The exemplars the prompt shows for {@code answer} with the default budget, strong first. */
  static List<String> shownExemplars(String key, String question, String answer) {
    return ExpectedPrompt.shownIds(key, question, answer);
  }
}

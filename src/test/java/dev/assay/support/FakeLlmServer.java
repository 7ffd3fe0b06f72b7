package dev.assay.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A local OpenAI-compatible server (WireMock) standing in for the LLM; tests stub its replies and
 * assert the exact requests Assay sent.
 */
public class FakeLlmServer implements QuarkusTestResourceLifecycleManager {
  private static WireMockServer server;
  private Map<String, String> overrides = Map.of();

  public static WireMockServer server() {
    return server;
  }

  /** An OpenAI chat-completion response carrying {@code content} and the given token counts. */
  public static java.util.Map<String, Object> completionBody(
      String content, int promptTokens, int completionTokens) {
    return java.util.Map.of(
        "id",
        "chatcmpl-test",
        "object",
        "chat.completion",
        "created",
        1_700_000_000,
        "model",
        "fake-grader-1",
        "choices",
        java.util.List.of(
            java.util.Map.of(
                "index",
                0,
                "message",
                java.util.Map.of("role", "assistant", "content", content),
                "finish_reason",
                "stop")),
        "usage",
        java.util.Map.of(
            "prompt_tokens", promptTokens,
            "completion_tokens", completionTokens,
            "total_tokens", promptTokens + completionTokens));
  }

  /**
   * An OpenAI chat completion whose message is {@code content}, reporting 812 input and 143 output
   * tokens.
   */
  public static ResponseDefinitionBuilder completion(String content)
      throws JsonProcessingException {
    return WireMock.aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(new ObjectMapper().writeValueAsString(completionBody(content, 812, 143)));
  }

  /** Configuration a profile sets on top of the defaults below (its resource arguments). */
  @Override
  public void init(Map<String, String> initArgs) {
    overrides = Map.copyOf(initArgs);
  }

  @Override
  public Map<String, String> start() {
    server =
        new WireMockServer(
            options().dynamicPort().bindAddress("127.0.0.1").extensions(new GullibleGrader()));
    server.start();
    String url = "http://127.0.0.1:" + server.port() + "/v1";
    Map<String, String> config =
        new java.util.HashMap<>(
            Map.of(
                "assay.llm.base-url", url,
                "quarkus.langchain4j.openai.base-url", url,
                "quarkus.langchain4j.openai.api-key", "test-key",
                "assay.llm.model", "fake-grader-1",
                "assay.llm.deadline", "5s",
                "assay.llm.breaker-window", "1000"));
    config.putAll(overrides);
    return config;
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }
}

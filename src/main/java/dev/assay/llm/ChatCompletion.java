package dev.assay.llm;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/** The OpenAI {@code /chat/completions} wire format, as far as grading uses it. */
final class ChatCompletion {
  private ChatCompletion() {}

  /** The request body: messages, sampling parameters and the JSON schema of the reply. */
  record Request(
      String model,
      List<LlmClient.Message> messages,
      double temperature,
      @JsonProperty("max_tokens") int maxTokens,
      @JsonProperty("response_format") ResponseFormat responseFormat) {}

  record ResponseFormat(String type, @JsonProperty("json_schema") Schema jsonSchema) {
    static ResponseFormat strict(String name, Map<String, Object> schema) {
      return new ResponseFormat("json_schema", new Schema(name, true, schema));
    }
  }

  record Schema(String name, boolean strict, Map<String, Object> schema) {}

  /** What a 200 response carries: the message text and the provider's token counts. */
  record Reply(String content, int inputTokens, int outputTokens) {}

  /** The reply in {@code body}; null when the body is not a chat completion at all. */
  static Reply read(ObjectMapper json, String body) {
    try {
      JsonNode root = json.readTree(body);
      JsonNode message = root.path("choices").path(0).path("message");
      if (root == null || !message.isObject()) {
        return null;
      }
      JsonNode content = message.path("content");
      JsonNode usage = root.path("usage");
      return new Reply(
          content.isTextual() ? content.asText() : null,
          usage.path("prompt_tokens").asInt(0),
          usage.path("completion_tokens").asInt(0));
    } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
      return null;
    }
  }
}

package dev.assay.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a chat completion into a {@link LlmClient.Reply}: the typed grade, or why the text is not
 * one (a reply that is not the grade JSON goes to the repair call, it is not an error here).
 */
public final class ReplyReader {
  private final ObjectMapper json;
  private final ObjectMapper strict;

  ReplyReader(ObjectMapper json) {
    this.json = json;
    this.strict =
        LlmGrade.replyReader(json).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /** The reply in a 2xx response body that took {@code latencyMs} to arrive. */
  LlmClient.Reply read(String body, long latencyMs) {
    ChatCompletion.Reply reply = ChatCompletion.read(json, body);
    if (reply == null) {
      return new LlmClient.Reply(
          body, null, "the response is not an OpenAI chat completion", 0, 0, latencyMs);
    }
    int in = reply.inputTokens();
    int out = reply.outputTokens();
    String raw = reply.content();
    if (raw == null || raw.isBlank()) {
      return new LlmClient.Reply(raw, null, "the reply was empty", in, out, latencyMs);
    }
    try {
      return new LlmClient.Reply(raw, parse(strict, raw), null, in, out, latencyMs);
    } catch (JsonProcessingException e) {
      return new LlmClient.Reply(
          raw,
          null,
          "the reply is not the requested JSON: " + e.getOriginalMessage(),
          in,
          out,
          latencyMs);
    }
  }

  /**
   * The typed grade of a reply (fence removed), read with {@code strict} (unknown fields fail); a
   * reply that is not the grade JSON throws, nothing else does (fuzzed in bench/fuzz.sh).
   */
  public static LlmGrade parse(ObjectMapper strict, String raw) throws JsonProcessingException {
    return strict.readValue(withoutFence(raw), LlmGrade.class);
  }

  /**
   * Servers that ignore {@code response_format} (some local ones) wrap JSON in a Markdown code
   * fence; the content inside is still checked against the schema's record type.
   */
  static String withoutFence(String raw) {
    String s = raw.strip();
    if (s.startsWith("```") && s.endsWith("```") && s.length() > 6) {
      int firstLine = s.indexOf('\n');
      return firstLine < 0 ? s : s.substring(firstLine + 1, s.length() - 3).strip();
    }
    return s;
  }
}

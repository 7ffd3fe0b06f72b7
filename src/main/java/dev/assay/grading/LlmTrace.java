package dev.assay.grading;

import java.util.List;
import java.util.Map;

/** What happened at the LLM boundary for one grade: prompt, model, every attempt, tokens, time. */
record LlmTrace(
    String promptId,
    String promptVersion,
    String promptHash,
    String model,
    Map<String, Object> parameters,
    List<Attempt> attempts,
    long llmMs,
    long verifyMs) {

  /** One call: a first grading call or a repair, its tokens, latency and what was wrong with it. */
  record Attempt(
      int sample,
      String kind,
      int inputTokens,
      int outputTokens,
      long latencyMs,
      List<String> violations,
      String error) {}

  int inputTokens() {
    return attempts.stream().mapToInt(Attempt::inputTokens).sum();
  }

  int outputTokens() {
    return attempts.stream().mapToInt(Attempt::outputTokens).sum();
  }
}

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

  /** This trace followed by another call's attempts (the grade of the stripped answer). */
  LlmTrace with(LlmTrace other) {
    List<Attempt> all = new java.util.ArrayList<>(attempts);
    other
        .attempts()
        .forEach(
            a ->
                all.add(
                    new Attempt(
                        a.sample(),
                        "substance-" + a.kind(),
                        a.inputTokens(),
                        a.outputTokens(),
                        a.latencyMs(),
                        a.violations(),
                        a.error())));
    return new LlmTrace(
        promptId,
        promptVersion,
        promptHash,
        model,
        parameters,
        List.copyOf(all),
        llmMs + other.llmMs(),
        verifyMs + other.verifyMs());
  }

  int inputTokens() {
    return attempts.stream().mapToInt(Attempt::inputTokens).sum();
  }

  int outputTokens() {
    return attempts.stream().mapToInt(Attempt::outputTokens).sum();
  }
}

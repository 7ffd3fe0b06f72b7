package dev.assay.grading;

import java.util.List;

/**
 * What happened at the LLM boundary for one grade: prompt, model, every attempt (retries, repairs
 * and timed-out attempts included, each with its elapsed time), tokens, time; {@code promptTokens}
 * is the grading prompt counted locally and {@code exemplarsShown} the ids the prompt showed.
 */
record LlmTrace(
    String promptId,
    String promptVersion,
    String promptHash,
    List<String> exemplarsShown,
    String model,
    Provenance.LlmParameters parameters,
    List<Provenance.LlmAttempt> attempts,
    long llmMs,
    long verifyMs,
    int promptTokens) {

  /** This trace followed by another call's attempts (the grade of the stripped answer). */
  LlmTrace with(LlmTrace other) {
    List<Provenance.LlmAttempt> all = new java.util.ArrayList<>(attempts);
    other
        .attempts()
        .forEach(
            a ->
                all.add(
                    new Provenance.LlmAttempt(
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
        exemplarsShown,
        model,
        parameters,
        List.copyOf(all),
        llmMs + other.llmMs(),
        verifyMs + other.verifyMs(),
        promptTokens);
  }

  int inputTokens() {
    return attempts.stream().mapToInt(Provenance.LlmAttempt::inputTokens).sum();
  }

  int outputTokens() {
    return attempts.stream().mapToInt(Provenance.LlmAttempt::outputTokens).sum();
  }
}

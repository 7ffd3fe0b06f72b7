package dev.assay.llm;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The LLM grader. Without a base URL Assay grades offline. */
@ConfigMapping(prefix = "assay.llm")
public interface LlmConfig {
  /** OpenAI-compatible endpoint (OpenAI, vLLM, Ollama, llama.cpp); empty = offline grading. */
  Optional<String> baseUrl();

  /** Model name sent with every request. */
  @WithDefault("gpt-4o-mini")
  String model();

  /** Sampling temperature of a single grading call. */
  @WithDefault("0")
  double temperature();

  /** Self-consistency: independent samples per grade (median score, spread lowers confidence). */
  @WithDefault("1")
  int samples();

  /** Temperature used when {@code samples} > 1, so the samples can differ. */
  @WithDefault("0.7")
  double sampleTemperature();

  @WithDefault("1200")
  int maxOutputTokens();

  /** API key sent as a bearer token. */
  @WithDefault("not-configured")
  String apiKey();

  /**
   * The one deadline of a grade's LLM work: every attempt, backoff, repair and sample of the grade,
   * including a reply that trickles in, fits in it.
   */
  @WithDefault("30s")
  Duration deadline();

  /**
   * The longest one attempt may take (capped by what is left of the deadline), so a stalled
   * connection leaves time for another attempt.
   */
  @WithDefault("12s")
  Duration attemptTimeout();

  /**
   * Further attempts after a 429, a 5xx, a reset connection or a timed-out attempt, each only if
   * its wait ({@code Retry-After}, else exponential backoff) fits in the deadline.
   */
  @WithDefault("3")
  int retries();

  /** First backoff between attempts when the server names none; doubled each attempt. */
  @WithDefault("200ms")
  Duration retryBackoff();

  /** Attempts in the circuit breaker's rolling window (per model). */
  @WithDefault("20")
  int breakerWindow();

  /** Share of failed attempts in the window that opens the circuit breaker. */
  @WithDefault("0.75")
  double breakerFailureRatio();

  /**
   * How long an open breaker sends grades straight to the offline grader before one probe call is
   * let through (half-open).
   */
  @WithDefault("30s")
  Duration breakerOpen();

  /**
   * Concurrent calls per model; a call beyond it falls back at once ({@code llm-busy}) instead of
   * queueing past its deadline. Slow providers need many calls in flight: at least {@code
   * assay.concurrency.max-grades-in-flight}, so that every admitted grade can wait for the LLM.
   */
  @WithDefault("1024")
  int bulkhead();

  /** How many retrieved exemplars of each label the prompt shows, and how much of each. */
  PromptBudget prompt();

  /**
   * The exemplar share of the prompt, the largest part of it after the answer. The defaults keep
   * the v3 request for a 300-word answer to a 4-criterion question within 1,500 input tokens
   * (o200k_base, p95; docs/benchmarks.md); the same budget applies to every prompt version.
   */
  interface PromptBudget {
    @WithDefault("1")
    int strong();

    @WithDefault("1")
    int acceptable();

    @WithDefault("1")
    int weak();

    /** Words of an exemplar's text shown; longer texts are cut with an ellipsis. */
    @WithDefault("50")
    int exemplarWords();

    /** Words of an exemplar's rationale shown; 0 leaves the rationale out. */
    @WithDefault("0")
    int rationaleWords();
  }

  /** Prompt template id and version under prompts/. */
  @WithDefault("grade")
  String promptId();

  @WithDefault("v3")
  String promptVersion();

  /**
   * Replace e-mail addresses, URLs and phone numbers in the answer before the LLM reads it (the
   * stored answer keeps them).
   */
  @WithDefault("true")
  boolean redactPersonalData();

  default boolean enabled() {
    return baseUrl().filter(url -> !url.isBlank()).isPresent();
  }
}

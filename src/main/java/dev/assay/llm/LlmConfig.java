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

  /** Overall deadline of one LLM call, including a trickling response. */
  @WithDefault("30s")
  Duration deadline();

  /**
   * Further retries of a call refused with 429 or 5xx, within the deadline, on top of the one retry
   * the OpenAI client itself makes ({@code quarkus.langchain4j.openai.max-retries=1}).
   */
  @WithDefault("0")
  int retries();

  /** Consecutive failed calls that open the circuit breaker. */
  @WithDefault("5")
  int breakerFailures();

  /** How long an open breaker sends grades straight to the offline grader. */
  @WithDefault("30s")
  Duration breakerOpen();

  /** Prompt template id and version under prompts/. */
  @WithDefault("grade")
  String promptId();

  @WithDefault("v2")
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

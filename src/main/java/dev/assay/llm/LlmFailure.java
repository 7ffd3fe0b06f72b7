package dev.assay.llm;

import java.time.Duration;

/** Why an LLM call produced no reply; the grader falls back to offline grading and says so. */
public class LlmFailure extends Exception {
  /** The kinds of failure, each reported as a grade flag {@code llm-<kind>}. */
  public enum Kind {
    TIMEOUT("llm-timeout"),
    RATE_LIMITED("llm-rate-limited"),
    UNAVAILABLE("llm-unavailable"),
    REJECTED("llm-rejected"),
    CIRCUIT_OPEN("llm-circuit-open"),
    BUSY("llm-busy");

    public final String flag;

    Kind(String flag) {
      this.flag = flag;
    }

    /**
     * Whether the provider may answer a later attempt: an overload or outage may pass, a refused
     * request (4xx other than 429) will be refused again.
     */
    public boolean transientFault() {
      return this != REJECTED;
    }
  }

  private final Kind kind;
  private final Duration backoff;

  /** A failure that is not retried within this grade. */
  public LlmFailure(Kind kind, String message, Throwable cause) {
    this(kind, message, cause, null);
  }

  /**
   * A failure that another attempt may follow after {@code backoff} (null: no further attempt in
   * this grade, because the fault is permanent or the wait does not fit the remaining budget).
   */
  public LlmFailure(Kind kind, String message, Throwable cause, Duration backoff) {
    super(message, cause);
    this.kind = kind;
    this.backoff = backoff;
  }

  public Kind kind() {
    return kind;
  }

  /** Whether a further attempt may be made, and after how long. */
  public boolean retriable() {
    return backoff != null;
  }

  public Duration backoff() {
    return backoff == null ? Duration.ZERO : backoff;
  }

  /** The same failure with no further attempt allowed. */
  LlmFailure finalAttempt() {
    return backoff == null ? this : new LlmFailure(kind, getMessage(), getCause(), null);
  }
}

package dev.assay.llm;

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
  }

  private final Kind kind;

  public LlmFailure(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}

package dev.assay.llm;

import java.time.Duration;

/**
 * The one time budget of a grade: every LLM attempt, backoff, repair and sample of that grade draws
 * on it, so a slow reply followed by a repair cannot take twice the configured deadline.
 */
public record Deadline(long startNanos, long endNanos) {

  /** A budget of {@code budget} starting now. */
  public static Deadline after(Duration budget) {
    long now = System.nanoTime();
    return new Deadline(now, now + budget.toNanos());
  }

  /** Nanoseconds left, never negative. */
  public long remainingNanos() {
    return Math.max(0, endNanos - System.nanoTime());
  }

  public Duration remaining() {
    return Duration.ofNanos(remainingNanos());
  }

  public boolean expired() {
    return remainingNanos() == 0;
  }

  /** The configured length of the budget. */
  public Duration budget() {
    return Duration.ofNanos(endNanos - startNanos);
  }
}

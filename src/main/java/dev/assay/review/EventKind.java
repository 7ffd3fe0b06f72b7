package dev.assay.review;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.assay.platform.WireNames;

/**
 * What happened to a grade in its history: the {@code grade_event.kind} column, and {@code graded}
 * for the automated grade itself, which heads every history.
 */
public enum EventKind {
  /** The automated grade (from the grade log, not a review event). */
  GRADED,
  /** A reviewer took the grade from the queue for a while. */
  CLAIMED,
  /** A reviewer gave a claimed grade back. */
  RELEASED,
  /** A reviewer agreed with the automated grade. */
  CONFIRMED,
  /** A reviewer replaced the automated scores (the original stays in the log). */
  OVERRIDDEN,
  /** The answer was graded again under a newer rubric (the new grade is related). */
  REGRADED;

  @JsonValue
  public String wire() {
    return WireNames.of(this);
  }

  @JsonCreator
  public static EventKind fromWire(String wire) {
    return WireNames.parse(EventKind.class, wire);
  }
}

package dev.assay.queue;

import dev.assay.platform.WireNames;

/** What a work item asks for; each kind has one {@link WorkHandler}. */
public enum WorkKind {
  /** One answer of a grade batch. */
  GRADE,
  /** An evaluation run started through the API. */
  EVAL_RUN,
  /** A promotion gate: two evaluation runs and a decision. */
  PROMOTION;

  public String wire() {
    return WireNames.of(this);
  }

  static WorkKind parse(String wire) {
    return WireNames.parse(WorkKind.class, wire);
  }
}

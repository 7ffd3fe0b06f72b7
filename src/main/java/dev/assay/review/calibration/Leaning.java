package dev.assay.review.calibration;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.assay.platform.WireNames;

/**
 * Whether a reviewer scores above or below the consensus of the others: read from the 95% interval
 * of the standardised mean difference, so that a reviewer is called lenient or harsh only when the
 * interval leaves out zero.
 */
public enum Leaning {
  LENIENT,
  HARSH,
  IN_LINE,
  /** Too few items shared with other reviewers for an interval. */
  UNKNOWN;

  @JsonValue
  public String wire() {
    return WireNames.of(this);
  }
}

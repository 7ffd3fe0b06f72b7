package dev.assay.grading;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.assay.platform.WireNames;

/**
 * What made a grade: the LLM, the offline grader by configuration, or the offline grader standing
 * in for an LLM that failed or is not configured ({@code fallback}: flagged and sent to review).
 */
public enum GradingMode {
  LLM,
  OFFLINE,
  FALLBACK;

  @JsonValue
  public String wire() {
    return WireNames.of(this);
  }

  @JsonCreator
  public static GradingMode fromWire(String wire) {
    return WireNames.parse(GradingMode.class, wire);
  }
}

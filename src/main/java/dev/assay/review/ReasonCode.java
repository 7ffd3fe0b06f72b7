package dev.assay.review;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.assay.platform.WireNames;

/** Why a reviewer overrode a grade: the codes auditors count by (free text goes in the reason). */
public enum ReasonCode {
  // In alphabetical order: the 400 for an unknown code lists them in this order.
  INJECTION,
  MISREAD_ANSWER,
  OTHER,
  RUBRIC_GAP,
  TOO_HARSH,
  TOO_LENIENT;

  @JsonValue
  public String wire() {
    return WireNames.of(this);
  }

  @JsonCreator
  public static ReasonCode fromWire(String wire) {
    return WireNames.parse(ReasonCode.class, wire);
  }

  /** The code a request named, or null when it names none of them. */
  static ReasonCode known(String wire) {
    try {
      return fromWire(wire);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}

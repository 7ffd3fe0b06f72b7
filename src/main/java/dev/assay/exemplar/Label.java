package dev.assay.exemplar;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Quality band of a reference answer. */
public enum Label {
  STRONG,
  ACCEPTABLE,
  WEAK;

  /** The band of a score given as a share of the maximum: >= 0.75 strong, >= 0.4 acceptable. */
  public static Label forShare(double share) {
    return share >= 0.75 ? STRONG : share >= 0.4 ? ACCEPTABLE : WEAK;
  }

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Label fromWire(String value) {
    for (Label label : values()) {
      if (label.wire().equals(value)) {
        return label;
      }
    }
    throw new IllegalArgumentException("must be one of strong, acceptable, weak");
  }
}

package dev.assay.fairness;

import dev.assay.platform.ApiException;
import java.util.Locale;

/**
 * Which score a fairness figure reads: the automated grader's (the tool under audit, the default)
 * or the effective one after reviewers' overrides (what the hiring team acted on).
 */
enum Basis {
  AUTOMATED,
  EFFECTIVE;

  String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Basis parse(String value) {
    if (value == null) {
      return AUTOMATED;
    }
    for (Basis b : values()) {
      if (b.wire().equals(value)) {
        return b;
      }
    }
    throw ApiException.badField("basis", "must be automated or effective");
  }
}

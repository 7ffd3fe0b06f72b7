package dev.assay.interview;

import io.quarkus.qute.TemplateExtension;
import java.util.Locale;

/**
 * Number formatting for the scorecard template ({@code {card:pct(area.weight)}}, {@code
 * {card:points(area.score)}}).
 */
@TemplateExtension(namespace = "card")
final class ScorecardFormat {
  private ScorecardFormat() {}

  /** A weight (a share) as a whole percentage. */
  static String pct(Double share) {
    return share == null ? "" : String.format(Locale.ROOT, "%.0f%%", 100 * share);
  }

  /** A score on 0-100 with one decimal, or a dash when there is none. */
  static String points(Double score) {
    return score == null ? "\u2014" : String.format(Locale.ROOT, "%.1f", score);
  }
}

package dev.assay.interview;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Several candidates for one role side by side: the role's areas (heaviest first) and, per
 * interview, the overall score with its interval, coverage, trust level and the score per area.
 * Candidates are ordered by overall score; {@code overlapsNext} says the interval overlaps the next
 * candidate's, so the order between the two is within the noise.
 */
public record Comparison(String role, List<AreaColumn> areas, List<Candidate> candidates) {

  /** An area of the role and its weight. */
  public record AreaColumn(String area, String title, double weight) {}

  /** One interview's scores. */
  public record Candidate(
      UUID interviewId,
      String candidateRef,
      Double overall,
      Scorecard.Range interval,
      double coverage,
      String trust,
      int answers,
      int pendingReviews,
      Map<String, Cell> areas,
      boolean overlapsNext) {}

  /** An area's score (null when not covered) and the number of answers behind it. */
  public record Cell(Double score, int answers) {}
}

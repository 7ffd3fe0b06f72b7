package dev.assay.grading;

import java.util.List;

/** A grader's scores before they are logged: per criterion, a rationale and its confidence. */
public record Verdict(List<CriterionGrade> criteria, String rationale, double confidence) {

  /** One criterion's score on 0..maxScore with the reasons and the evidence for it. */
  public record CriterionGrade(
      String criterion, double score, int maxScore, String rationale, List<Citation> citations) {}

  /** Words of the candidate's answer, and the exemplar that informed the point if any. */
  public record Citation(String exemplarId, String quote) {}
}

package dev.assay.llm;

import java.util.List;

/**
 * What the LLM returns for one grade, as constrained by {@link GradeSchema}. {@code
 * manipulationAttempts} quotes text of the answer that tried to influence the grader (empty when
 * there was none, or when an older prompt did not ask).
 */
public record LlmGrade(
    List<Criterion> criteria, String overallRationale, List<String> manipulationAttempts) {

  /** One criterion's score with its rationale and citations. */
  public record Criterion(
      String criterion, Integer score, String rationale, List<Citation> citations) {
    public Criterion {
      citations = citations == null ? List.of() : citations;
    }
  }

  /** A quote from the candidate's answer, optionally tied to the exemplar that informed it. */
  public record Citation(String exemplarId, String quote) {}

  public LlmGrade {
    criteria = criteria == null ? List.of() : criteria;
    manipulationAttempts = manipulationAttempts == null ? List.of() : manipulationAttempts;
  }
}

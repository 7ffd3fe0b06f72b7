package dev.assay.grading;

import dev.assay.bank.CriterionSpec;
import dev.assay.bank.RubricSpec;
import dev.assay.llm.LlmGrade;
import dev.assay.text.AnswerText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks what the LLM said before it is believed: every criterion graded once, scores within the
 * scale, cited exemplars among those retrieved, quotes present word for word in the answer.
 */
final class GradeVerifier {
  private GradeVerifier() {}

  /** One broken rule; {@code kind} is a stable code counted in metrics. */
  record Violation(String kind, String detail) {
    @Override
    public String toString() {
      return kind + ": " + detail;
    }
  }

  static List<Violation> verify(
      LlmGrade grade, RubricSpec rubric, Set<String> retrievedIds, String answer) {
    List<Violation> out = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    rubric.criteria().forEach(c -> keys.add(c.key()));
    Set<String> seen = new HashSet<>();
    for (LlmGrade.Criterion c : grade.criteria()) {
      if (!keys.contains(c.criterion())) {
        out.add(
            new Violation(
                "unknown-criterion", "'" + c.criterion() + "' is not a rubric criterion"));
        continue;
      }
      if (!seen.add(c.criterion())) {
        out.add(new Violation("duplicate-criterion", "'" + c.criterion() + "' was graded twice"));
      }
      if (c.score() == null || c.score() < 0 || c.score() > rubric.scale()) {
        out.add(
            new Violation(
                "score-out-of-range",
                "'" + c.criterion() + "' scored " + c.score() + ", outside 0.." + rubric.scale()));
      }
      for (LlmGrade.Citation citation : c.citations()) {
        if (citation.exemplarId() != null && !retrievedIds.contains(citation.exemplarId())) {
          out.add(
              new Violation(
                  "unknown-exemplar",
                  "'" + citation.exemplarId() + "' is not a retrieved exemplar"));
        }
        if (citation.quote() == null || !AnswerText.containsVerbatim(answer, citation.quote())) {
          out.add(
              new Violation("invented-quote", "\"" + citation.quote() + "\" is not in the answer"));
        }
      }
    }
    for (CriterionSpec c : rubric.criteria()) {
      if (!seen.contains(c.key())) {
        out.add(new Violation("missing-criterion", "'" + c.key() + "' was not graded"));
      }
    }
    return out;
  }
}

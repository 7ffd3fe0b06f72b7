package dev.assay.grading;

import dev.assay.grading.manipulation.Category;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether a grade needs a human before it is relied on, and why in plain words: the review queue's
 * rule (low confidence, a fallback, any flag but {@code reused-grade}) without its random audit
 * sample, which is a sampling device rather than a doubt about the grade.
 */
@ApplicationScoped
class ReviewNeeds {
  private final double lowConfidence;

  ReviewNeeds(
      @ConfigProperty(name = "assay.review.low-confidence", defaultValue = "0.5")
          double lowConfidence) {
    this.lowConfidence = lowConfidence;
  }

  /** The reasons a grade needs review; empty when it does not. */
  List<String> reasons(double confidence, List<String> flags, Provenance provenance) {
    List<String> out = new ArrayList<>();
    for (String flag : flags) {
      String why = because(flag, provenance);
      if (why != null) {
        out.add(why);
      }
    }
    if (confidence < lowConfidence) {
      out.add(
          String.format(
              "The grader's confidence (%.2f) is below the review threshold (%.2f).",
              confidence, lowConfidence));
    }
    return List.copyOf(out);
  }

  private static String because(String flag, Provenance provenance) {
    return switch (flag) {
      case "reused-grade" -> null;
      case Screening.TOO_SHORT -> "The answer is very short.";
      case Screening.OFF_TOPIC -> "The answer does not seem to address the question.";
      case Screening.COPIES_QUESTION -> "The answer repeats the question.";
      case Screening.NEAR_COPY_OF_EXEMPLAR ->
          "The answer is almost identical to a reference answer, which may have leaked.";
      case Screening.NEAR_DUPLICATE_ANSWER ->
          "The answer is almost identical to another candidate's answer.";
      case Screening.SUSPECTED_INJECTION ->
          "The answer "
              + String.join("; ", injectionWords(provenance))
              + ". Its automated score counts only the rest of the answer.";
      case Screening.KEYWORD_STUFFING ->
          "The answer lists rubric terms without making statements about them. Its automated"
              + " score counts only its statements.";
      case ManipulationPolicy.SCORE_CAPPED ->
          "The LLM scored the answer higher than its substance earns; the score is capped.";
      case ManipulationPolicy.DIVERGENCE ->
          "The LLM's score is far above the offline grader's; the score is capped at the offline"
              + " grade until a reviewer looks at it.";
      case ManipulationPolicy.MODEL_REPORTED ->
          "The grading model reported text in the answer that tries to influence the grade.";
      case "sample-disagreement" -> "The LLM's samples disagreed strongly about the score.";
      case "llm-repaired" -> "The LLM's first reply was invalid and had to be repaired.";
      default ->
          flag.startsWith("llm-")
              ? "The LLM did not grade this answer ("
                  + flag.substring(4).replace('-', ' ')
                  + "); the offline grader scored it."
              : "The grade is flagged " + flag + ".";
    };
  }

  /** Plain words for the detector's findings, from the screening evidence. */
  private static List<String> injectionWords(Provenance provenance) {
    List<String> out = new ArrayList<>();
    Provenance.ScreeningEvidence screening = provenance.screening();
    if (screening != null && screening.injection() != null) {
      for (String code : screening.injection()) {
        for (Category c : Category.values()) {
          if (c.code.equals(code)) {
            out.add(c.plainWords);
          }
        }
      }
    }
    return out.isEmpty() ? List.of("contains text aimed at the grader") : out;
  }
}

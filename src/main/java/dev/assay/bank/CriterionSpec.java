package dev.assay.bank;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.assay.platform.Slugs;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * One rubric criterion. {@code hint} is optional and candidate-facing: what a stronger answer would
 * address, in the candidate's terms, without the level descriptors' answer key. It is left out of
 * the rubric's canonical JSON when absent, so rubrics written before hints existed keep their
 * content hash (and their version) on re-import.
 */
public record CriterionSpec(
    @NotBlank @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String key,
    @NotBlank @Size(max = 1000) String description,
    @NotNull @Positive @DecimalMax("1.0") Double weight,
    @NotNull @Valid Levels levels,
    @JsonInclude(JsonInclude.Include.NON_NULL)
        @Size(max = HINT_MAX, message = "must be at most " + HINT_MAX + " characters")
        @Pattern(regexp = PLAIN_TEXT, message = PLAIN_TEXT_MESSAGE)
        String hint) {

  /** The longest hint, in characters. */
  public static final int HINT_MAX = 300;

  /**
   * One line of plain text: something other than spaces, no control characters (so no line breaks),
   * and nothing that reads as a markup tag, since hints are shown to candidates as is.
   */
  static final String PLAIN_TEXT = "(?s)(?=.*\\S)(?!.*<[A-Za-z/!?])[^\\p{Cntrl}]*";

  static final String PLAIN_TEXT_MESSAGE =
      "must be plain text on one line: no line breaks, control characters or markup tags";

  public CriterionSpec {
    hint = hint == null ? null : hint.strip();
  }

  /** A criterion without a hint. */
  public CriterionSpec(String key, String description, Double weight, Levels levels) {
    this(key, description, weight, levels, null);
  }

  /**
   * The rubric's weighted combination of per-criterion scores; criteria without a score are left
   * out of both the sum and the weights.
   */
  public static double weightedMean(
      java.util.List<CriterionSpec> criteria, java.util.Map<String, Double> scores) {
    double sum = 0;
    double weights = 0;
    for (CriterionSpec c : criteria) {
      Double score = scores.get(c.key());
      if (score != null) {
        sum += c.weight() * score;
        weights += c.weight();
      }
    }
    return weights == 0 ? 0 : sum / weights;
  }

  /** What an answer at each band does on this criterion. */
  public record Levels(
      @NotBlank @Size(max = 2000) String strong,
      @NotBlank @Size(max = 2000) String acceptable,
      @NotBlank @Size(max = 2000) String weak) {}
}

package dev.assay.bank;

import dev.assay.platform.Slugs;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** One rubric criterion. */
public record CriterionSpec(
    @NotBlank @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String key,
    @NotBlank @Size(max = 1000) String description,
    @NotNull @Positive @DecimalMax("1.0") Double weight,
    @NotNull @Valid Levels levels) {

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

package dev.assay.exemplar;

import dev.assay.platform.Slugs;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * A reference answer as written in a bank file or posted to the API. {@code score} is the overall
 * score on the rubric's scale; {@code criterionScores} optionally scores each criterion.
 */
public record ExemplarSpec(
    @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String id,
    @NotNull Label label,
    @NotNull @PositiveOrZero Double score,
    Map<String, @NotNull @PositiveOrZero Integer> criterionScores,
    @NotBlank @Size(max = 500) String rationale,
    @Size(max = 200) String source,
    @NotBlank @Size(max = 20000) String text) {

  public ExemplarSpec {
    criterionScores = criterionScores == null ? Map.of() : Map.copyOf(criterionScores);
    source = source == null || source.isBlank() ? "unspecified" : source;
  }

  /** The same exemplar under another id. */
  public ExemplarSpec withId(String newId) {
    return new ExemplarSpec(newId, label, score, criterionScores, rationale, source, text);
  }
}

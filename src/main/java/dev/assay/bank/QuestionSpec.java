package dev.assay.bank;

import dev.assay.exemplar.ExemplarSpec;
import dev.assay.platform.Slugs;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A question with its rubric and reference answers, as written in a bank file. */
public record QuestionSpec(
    @NotBlank @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String id,
    @NotBlank @Size(max = 200) String title,
    @NotBlank @Size(max = 5000) String prompt,
    @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String area,
    @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags,
    @NotNull @Valid RubricSpec rubric,
    @Size(max = 500) List<@Valid ExemplarSpec> exemplars) {

  public QuestionSpec {
    tags = tags == null ? List.of() : tags;
    exemplars = exemplars == null ? List.of() : exemplars;
  }

  QuestionSpec inArea(String fileArea) {
    return area != null || fileArea == null
        ? this
        : new QuestionSpec(id, title, prompt, fileArea, tags, rubric, exemplars);
  }
}

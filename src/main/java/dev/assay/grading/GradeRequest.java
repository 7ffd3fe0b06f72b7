package dev.assay.grading;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A platform's request to grade one answer. */
public record GradeRequest(
    @NotBlank @Size(max = 100) String questionId,
    @NotNull @Size(max = 20000) String answer,
    @Size(max = 200) String candidateRef,
    @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags) {

  public GradeRequest {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}

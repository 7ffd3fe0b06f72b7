package dev.assay.interview;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A platform's request to open an interview: the candidate (grades with the same {@code
 * candidateRef} are its answers), the role profile to score it for, and optionally the questions it
 * plans to ask (then only those count, and the unanswered ones are named).
 */
public record InterviewRequest(
    @NotBlank @Size(max = 200) String candidateRef,
    @NotBlank @Size(max = 100) String role,
    @Size(max = 100) List<@NotBlank @Size(max = 100) String> plannedQuestions) {

  public InterviewRequest {
    plannedQuestions = plannedQuestions == null ? List.of() : List.copyOf(plannedQuestions);
  }
}

package dev.assay.fairness;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * A candidate's self-reported cohort attributes, e.g. {@code {"sex": "female", "race-ethnicity":
 * "Hispanic or Latino"}}: attribute names are lower-case slugs, values free text as the candidate
 * reported them ("decline to state" is a value like any other).
 */
public record CohortRequest(
    @NotEmpty @Size(max = 20)
        Map<@NotBlank @Size(max = 50) String, @NotBlank @Size(max = 100) String> attributes) {}

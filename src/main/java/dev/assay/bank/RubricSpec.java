package dev.assay.bank;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A rubric: 3 to 5 weighted criteria, each scored on the integer scale 0..{@code scale} with a
 * descriptor of what strong, acceptable and weak answers do.
 */
public record RubricSpec(
    @NotNull @Min(1) @Max(100) Integer scale,
    @NotNull @Size(min = 3, max = 5) List<@Valid @NotNull CriterionSpec> criteria) {}

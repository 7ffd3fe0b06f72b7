package dev.assay.bank;

import dev.assay.platform.Slugs;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** A role profile: how much each interview area counts for that role (weights sum to 1). */
public record RoleSpec(
    @NotBlank @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String id,
    @NotBlank @Size(max = 200) String name,
    @NotBlank @Size(max = 2000) String description,
    @NotEmpty Map<String, @NotNull @PositiveOrZero Double> areaWeights) {}

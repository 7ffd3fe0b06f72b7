package dev.assay.bank;

import dev.assay.platform.Slugs;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An interview area such as {@code nlp-llm}. */
public record AreaSpec(
    @NotBlank @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String key,
    @NotBlank @Size(max = 200) String title,
    @NotBlank @Size(max = 2000) String description) {}

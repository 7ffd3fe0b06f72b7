package dev.assay.grading;

import java.time.OffsetDateTime;

/**
 * Filters of the grade list; null fields do not filter. {@code stale}: made under an older rubric
 * version than the question's active one.
 */
public record GradeQuery(
    String questionId,
    String candidateRef,
    GradingMode mode,
    String flag,
    OffsetDateTime from,
    OffsetDateTime to,
    Boolean stale) {}

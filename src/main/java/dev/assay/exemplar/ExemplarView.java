package dev.assay.exemplar;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A stored reference answer as shown to bank administrators and reviewers. {@code status} is {@code
 * active} or {@code pending} (promoted from a review, waiting for the evaluation gate).
 */
public record ExemplarView(
    String id,
    Label label,
    double score,
    Map<String, Integer> criterionScores,
    String rationale,
    String source,
    String origin,
    boolean active,
    String status,
    int rubricVersion,
    String embeddingModel,
    int embeddingChunks,
    OffsetDateTime createdAt,
    String text) {}

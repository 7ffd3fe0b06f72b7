package dev.assay.exemplar;

import java.util.Map;

/** A retrieved exemplar and its cosine similarity to the query text. */
public record ExemplarMatch(
    String id,
    Label label,
    double score,
    Map<String, Integer> criterionScores,
    String rationale,
    double similarity,
    String text) {}

package dev.assay.evaluation;

import dev.assay.grading.GradeView;
import dev.assay.grading.Screening;

/**
 * What grading one eval row gave next to what people gave it: shares of the scale, the answer's
 * length in words, the word-overlap baseline's prediction, and what the grade cost.
 */
record RowResult(
    String questionId,
    double predicted,
    double human,
    int words,
    double overlap,
    double confidence,
    boolean floored,
    String mode,
    long latencyMs,
    long inputTokens,
    long outputTokens,
    Double firstGrader,
    Double secondGrader) {

  static RowResult of(String questionId, EvalRow row, GradeView g, double overlap, long latencyMs) {
    // The ceiling is one person against another, never against a mean that contains them.
    boolean twoGraders = row.scoreGrader1() != null && row.scoreGrader2() != null;
    return new RowResult(
        questionId,
        g.overall().score() / g.overall().maxScore(),
        row.normalised(),
        WordOverlap.words(row.answer()).size(),
        overlap,
        g.confidence(),
        g.flags().contains(Screening.NO_SUBSTANTIVE_CONTENT),
        g.mode().wire(),
        latencyMs,
        g.inputTokens(),
        g.outputTokens(),
        twoGraders ? row.scoreGrader1() / row.maxScore() : null,
        twoGraders ? row.scoreGrader2() / row.maxScore() : null);
  }

  /** A content-free answer that people nonetheless scored above zero. */
  boolean flooredButScored() {
    return floored && human > 0;
  }
}

package dev.assay.grading;

import dev.assay.grading.manipulation.Inspection;
import dev.assay.metrics.Metrics;
import dev.assay.text.AnswerText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Flags for unusual answers: too short, off-topic, a copy of the question, a near-copy of an
 * exemplar (a possible leak of reference answers), a near-duplicate of another candidate's answer,
 * text aimed at the grader and keyword stuffing (both found by the manipulation detector), and no
 * substantive content ({@link ContentFloor}). Every flag lowers confidence; the last three also cap
 * the score (see {@link ManipulationPolicy}; the content floor caps at 10% of the scale).
 */
public final class Screening {
  static final String TOO_SHORT = "too-short";
  static final String OFF_TOPIC = "off-topic";
  static final String COPIES_QUESTION = "copies-question";
  static final String NEAR_COPY_OF_EXEMPLAR = "near-copy-of-exemplar";
  static final String NEAR_DUPLICATE_ANSWER = "near-duplicate-answer";
  static final String SUSPECTED_INJECTION = "suspected-injection";
  static final String KEYWORD_STUFFING = "keyword-stuffing";
  public static final String NO_SUBSTANTIVE_CONTENT = "no-substantive-content";

  private Screening() {}

  /** What was measured, kept in provenance so a reviewer can see why a flag was raised. */
  record Result(List<String> flags, Provenance.ScreeningEvidence evidence) {}

  static Result screen(
      GradingConfig config,
      String answer,
      String question,
      double questionSimilarity,
      double maxExemplarSimilarity,
      String nearestExemplar,
      GradeRepository.Neighbour nearestOtherAnswer,
      Inspection manipulation,
      Optional<ContentFloor.Reason> contentFloor) {
    List<String> flags = new ArrayList<>();
    int words = AnswerText.wordCount(answer);
    if (words < config.minWords()) {
      flags.add(TOO_SHORT);
    }
    if (words > 0
        && questionSimilarity < config.offTopicQuestionSimilarity()
        && maxExemplarSimilarity < config.offTopicExemplarSimilarity()) {
      flags.add(OFF_TOPIC);
    }
    String key = AnswerText.dedupKey(answer);
    if (words > 0
        && (questionSimilarity >= config.questionCopySimilarity()
            || AnswerText.dedupKey(question).contains(key))) {
      flags.add(COPIES_QUESTION);
    }
    boolean nearCopy = maxExemplarSimilarity >= config.exemplarCopySimilarity();
    if (nearCopy) {
      flags.add(NEAR_COPY_OF_EXEMPLAR);
    }
    boolean duplicate =
        nearestOtherAnswer != null
            && nearestOtherAnswer.similarity() >= config.duplicateSimilarity();
    if (duplicate) {
      flags.add(NEAR_DUPLICATE_ANSWER);
    }
    Provenance.ContentFloorEvidence floor = null;
    if (contentFloor.isPresent()) {
      ContentFloor.Reason r = contentFloor.get();
      // Unrelated text is off-topic too, whatever the absolute thresholds say (they were set for
      // an embedding model whose unrelated texts scored lower).
      if (r == ContentFloor.Reason.UNRELATED && !flags.contains(OFF_TOPIC)) {
        flags.add(OFF_TOPIC);
      }
      flags.add(NO_SUBSTANTIVE_CONTENT);
      floor = new Provenance.ContentFloorEvidence(r.code, r.explanation);
    }
    if (manipulation.suspectedInjection()) {
      flags.add(SUSPECTED_INJECTION);
    }
    if (manipulation.keywordStuffing()) {
      flags.add(KEYWORD_STUFFING);
    }
    return new Result(
        flags,
        new Provenance.ScreeningEvidence(
            words,
            Metrics.round(questionSimilarity, 3),
            Metrics.round(maxExemplarSimilarity, 3),
            nearCopy ? nearestExemplar : null,
            duplicate ? nearestOtherAnswer.id().toString() : null,
            duplicate ? Metrics.round(nearestOtherAnswer.similarity(), 3) : null,
            floor,
            manipulation.suspectedInjection() ? manipulation.injectionCodes() : null,
            manipulation.flagged() ? findings(manipulation) : null));
  }

  private static List<Provenance.ManipulationFinding> findings(Inspection manipulation) {
    return manipulation.findings().stream()
        .map(f -> new Provenance.ManipulationFinding(f.category().code, f.source(), f.evidence()))
        .toList();
  }
}

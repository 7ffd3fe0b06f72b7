package dev.assay.grading;

import dev.assay.grading.manipulation.Inspection;
import dev.assay.metrics.Metrics;
import dev.assay.text.AnswerText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  record Result(List<String> flags, Map<String, Object> evidence) {}

  /** One finding of the manipulation detector as provenance shows it. */
  record ManipulationEvidence(String category, String source, String evidence) {}

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
    Map<String, Object> evidence = new LinkedHashMap<>();
    int words = AnswerText.wordCount(answer);
    evidence.put("words", words);
    evidence.put("questionSimilarity", Metrics.round(questionSimilarity, 3));
    evidence.put("maxExemplarSimilarity", Metrics.round(maxExemplarSimilarity, 3));
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
    if (maxExemplarSimilarity >= config.exemplarCopySimilarity()) {
      flags.add(NEAR_COPY_OF_EXEMPLAR);
      evidence.put("nearestExemplar", nearestExemplar);
    }
    if (nearestOtherAnswer != null
        && nearestOtherAnswer.similarity() >= config.duplicateSimilarity()) {
      flags.add(NEAR_DUPLICATE_ANSWER);
      evidence.put("nearestOtherGrade", nearestOtherAnswer.id().toString());
      evidence.put("nearestOtherSimilarity", Metrics.round(nearestOtherAnswer.similarity(), 3));
    }
    contentFloor.ifPresent(
        r -> {
          // Unrelated text is off-topic too, whatever the absolute thresholds say (they were
          // set for an embedding model whose unrelated texts scored lower).
          if (r == ContentFloor.Reason.UNRELATED && !flags.contains(OFF_TOPIC)) {
            flags.add(OFF_TOPIC);
          }
          flags.add(NO_SUBSTANTIVE_CONTENT);
          evidence.put("contentFloor", Map.of("reason", r.code, "explanation", r.explanation));
        });
    if (manipulation.suspectedInjection()) {
      flags.add(SUSPECTED_INJECTION);
      evidence.put("injection", manipulation.injectionCodes());
    }
    if (manipulation.keywordStuffing()) {
      flags.add(KEYWORD_STUFFING);
    }
    if (manipulation.flagged()) {
      evidence.put(
          "manipulation",
          manipulation.findings().stream()
              .map(f -> new ManipulationEvidence(f.category().code, f.source(), f.evidence()))
              .toList());
    }
    return new Result(flags, evidence);
  }
}

package dev.assay.grading;

import dev.assay.text.AnswerText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Flags for unusual answers: too short, off-topic, a copy of the question, a near-copy of an
 * exemplar (a possible leak of reference answers), a near-duplicate of another candidate's answer,
 * text aimed at the grader, and no substantive content ({@link ContentFloor}: that flag also caps
 * the score). Every flag lowers confidence.
 */
public final class Screening {
  static final String TOO_SHORT = "too-short";
  static final String OFF_TOPIC = "off-topic";
  static final String COPIES_QUESTION = "copies-question";
  static final String NEAR_COPY_OF_EXEMPLAR = "near-copy-of-exemplar";
  static final String NEAR_DUPLICATE_ANSWER = "near-duplicate-answer";
  static final String SUSPECTED_INJECTION = "suspected-injection";
  public static final String NO_SUBSTANTIVE_CONTENT = "no-substantive-content";

  private Screening() {}

  /** What was measured, kept in provenance so a reviewer can see why a flag was raised. */
  record Result(List<String> flags, Map<String, Object> evidence) {}

  static Result screen(
      GradingConfig config,
      String answer,
      String question,
      double questionSimilarity,
      double maxExemplarSimilarity,
      String nearestExemplar,
      GradeRepository.Neighbour nearestOtherAnswer,
      Optional<ContentFloor.Reason> contentFloor) {
    List<String> flags = new ArrayList<>();
    Map<String, Object> evidence = new LinkedHashMap<>();
    int words = AnswerText.wordCount(answer);
    evidence.put("words", words);
    evidence.put("questionSimilarity", round(questionSimilarity));
    evidence.put("maxExemplarSimilarity", round(maxExemplarSimilarity));
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
      evidence.put("nearestOtherSimilarity", round(nearestOtherAnswer.similarity()));
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
    List<String> injection = InjectionDetector.findings(answer);
    if (!injection.isEmpty()) {
      flags.add(SUSPECTED_INJECTION);
      evidence.put("injection", injection);
    }
    return new Result(flags, evidence);
  }

  private static double round(double x) {
    return Math.round(x * 1000) / 1000.0;
  }
}

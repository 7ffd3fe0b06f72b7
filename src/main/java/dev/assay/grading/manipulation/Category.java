package dev.assay.grading.manipulation;

/**
 * Kinds of text aimed at the grader rather than at the question. {@link #code} is stable (it is
 * stored in provenance and counted in metrics); {@link #plainWords} is what a reviewer or a
 * candidate reads.
 */
public enum Category {
  IGNORE_INSTRUCTIONS(
      "ignore-instructions", "asks the grader to ignore its instructions or rubric"),
  ROLE_PLAY("role-play", "tries to give the grader a new role or persona"),
  SCORE_REQUEST("score-request", "asks for a particular score"),
  FAKE_RUBRIC("fake-rubric", "imitates rubric, system or conversation text"),
  GRADE_FORMAT("grade-json", "contains text that imitates the grade format"),
  AUTHORITY_CLAIM("authority-claim", "claims an authority or approval that the grader should obey"),
  SELF_ASSESSMENT("self-assessment", "grades itself instead of answering"),
  PROMPT_REQUEST(
      "prompt-request", "asks for the grader's prompt, rubric or reference answers to be revealed"),
  SCORE_ANCHORING("score-anchoring", "suggests what score others gave or expect"),
  EMOTIONAL_APPEAL("emotional-appeal", "appeals to the grader's sympathy for a better score"),
  DIRECT_ADDRESS("direct-address", "addresses the grader directly"),
  CONCEALMENT("concealment", "asks the grader to hide or not report part of the answer"),
  HIDDEN_TEXT("hidden-text", "contains invisible characters or text hidden from a human reader"),
  ENCODED_TEXT("encoded-text", "hides instructions in encoded or scrambled text"),
  OBFUSCATION("obfuscation", "disguises words with look-alike letters or spaced-out letters"),
  INTENT_SIMILARITY("grader-directed", "contains sentences that read like messages to the grader"),
  MODEL_REPORTED(
      "model-reported",
      "contains text the grading model reported as an attempt to" + " influence it"),
  KEYWORD_STUFFING("keyword-stuffing", "lists rubric terms without making statements about them");

  public final String code;
  public final String plainWords;

  Category(String code, String plainWords) {
    this.code = code;
    this.plainWords = plainWords;
  }
}

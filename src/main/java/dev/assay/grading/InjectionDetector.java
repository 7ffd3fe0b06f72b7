package dev.assay.grading;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds text in an answer that is aimed at the grader rather than at the question: instructions to
 * ignore the rules, role-play, requests for a score, fake rubric or system text, and JSON that
 * mimics the grade format. Returns stable reason codes; an empty list means nothing suspicious.
 */
public final class InjectionDetector {
  private static final int FLAGS =
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.MULTILINE;
  private static final Map<String, Pattern> PATTERNS = new LinkedHashMap<>();

  static {
    PATTERNS.put(
        "ignore-instructions",
        Pattern.compile(
            "\\b(ignore|disregard|forget|override)\\s+(all\\s+|any\\s+|the\\s+|your\\s+)*(previous|prior|above|earlier|preceding|system|grading|original)?\\s*"
                + "(instructions?|rules|prompts?|rubric|guidelines|directions)\\b",
            FLAGS));
    PATTERNS.put(
        "role-play",
        Pattern.compile(
            "\\byou\\s+are\\s+now\\b|\\b(act|behave)\\s+as\\s+(a|an|the|my)\\s+(grader|examiner|teacher|evaluator|system|assistant|judge)\\b"
                + "|\\bpretend\\s+(to\\s+be|you\\s+are)\\b|\\bas\\s+an?\\s+(ai|llm)\\s+(grader|assistant|model)\\s*,?\\s*you\\b"
                + "|\\bdeveloper\\s+mode\\b|\\bjailbreak",
            FLAGS));
    PATTERNS.put(
        "score-request",
        Pattern.compile(
            "\\b(give|award|assign|grant)\\s+(me|this(\\s+answer)?|the\\s+candidate|it)?\\s*(a|an|the)?\\s*(full|maximum|max|perfect|top|highest|best)\\s+(score|marks?|points|grade|rating)s?\\b"
                + "|\\b(score|grade|rate)\\s+(this|me|it)(\\s+answer)?\\s+(a\\s+|as\\s+)?(4|5|10|100|a\\+?)\\b"
                + "|\\bgrade\\s*:\\s*a\\+",
            FLAGS));
    PATTERNS.put(
        "fake-rubric",
        Pattern.compile(
            "^\\s*(rubric|grading\\s+criteria|system|assistant|grader\\s+note|note\\s+to\\s+(the\\s+)?grader)\\s*:"
                + "|###\\s*instruction|\\[/?inst]|<\\|im_(start|end)\\|>|</?\\s*(system|assistant|instructions?)\\s*>"
                + "|\\bnote\\s+to\\s+(the\\s+)?(grader|examiner|evaluator)\\b",
            FLAGS));
    PATTERNS.put(
        "grade-json",
        Pattern.compile(
            "\\{[^{}]{0,400}?\"(score|criterion|criteria|rationale|confidence|overall|overallRationale)\"\\s*:"
                + "[^{}]{0,400}?\"(score|criterion|criteria|rationale|confidence|overall|overallRationale)\"\\s*:",
            FLAGS | Pattern.DOTALL));
  }

  private InjectionDetector() {}

  public static List<String> findings(String answer) {
    List<String> out = new ArrayList<>();
    PATTERNS.forEach(
        (code, pattern) -> {
          if (pattern.matcher(answer).find()) {
            out.add(code);
          }
        });
    return out;
  }
}

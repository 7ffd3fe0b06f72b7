package dev.assay.grading;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds text in an answer that is aimed at the grader rather than at the question. Returns stable
 * reason codes, each at most once and in this order: {@code ignore-instructions}, {@code
 * role-play}, {@code score-request}, {@code fake-rubric}, {@code grade-json}. An empty list means
 * nothing suspicious. A finding is a reason for review, not proof: answers about prompt injection
 * itself can quote these phrases.
 */
public final class InjectionDetector {
  private static final int FLAGS =
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.MULTILINE;

  /**
   * Start of an imperative: line or sentence start, optionally softened ("please", "you must", "I
   * want you to"). "Act as" and "pretend" are only suspicious as commands; in prose ("the large
   * model can act as the teacher") they are ordinary.
   */
  private static final String COMMAND =
      "(?:^|[.!?:;]\\s)[\\s>*_\"'(\\[-]*"
          + "(?:(?:please|now|kindly|ok|okay|so|and|then)\\s+|you\\s+(?:must|should|will|shall|"
          + "need\\s+to|have\\s+to|are\\s+to)\\s+|i\\s+(?:want|need)\\s+you\\s+to\\s+|"
          + "from\\s+now\\s+on,?\\s+)*";

  /** "Act as the teacher model", "act as the system of record": a component, not a persona. */
  private static final String NOT_A_COMPONENT =
      "(?!\\s+(?:model|network|of|for|that|which|design|component|architecture))";

  private static final String MODE = "(?:developer|god|dan|unrestricted|jailbreak)\\s+mode";
  private static final String DISMISS =
      "\\b(?:ignore|disregard|forget|override|bypass|discard)\\s+";
  private static final String TOP = "(?:full|maximum|max|perfect|top|highest|best)\\s+";
  private static final String MARKS = "(?:scores?|marks?|points?|grades?|credit|ratings?)\\b";
  private static final String THIS_ANSWER =
      "(?:this|my|the)\\s+(?:answer|response|submission|solution)";

  private static final List<Rule> RULES =
      List.of(
          rule(
              "ignore-instructions",
              DISMISS
                  + "(?:(?:all|any|every|of|the|these|those)\\s+){0,3}"
                  + "(?:previous|prior|above|earlier|preceding|former|original|initial|your|"
                  + "system|grader'?s?|grading|marking)\\s+(?:\\w+\\s+){0,2}?"
                  + "(?:instructions?|rules|prompts?|directions|guidelines|directives|commands|"
                  + "context|messages|rubrics?|criteria)\\b",
              DISMISS
                  + "(?:(?:all|everything|anything)\\s+)?(?:of\\s+)?(?:the\\s+|this\\s+)?"
                  + "(?:above|previous|prior|preceding|earlier)(?:\\s+(?:text|content|context|"
                  + "input|messages?|conversation|prompt))?(?=\\s*(?:[.!,;:]|$|and\\b))",
              DISMISS
                  + "(?:(?:the|this|your|any|all)\\s+)?(?:rubric|grading\\s+(?:criteria|guidelines|"
                  + "instructions|scheme)|marking\\s+(?:scheme|criteria)|system\\s+prompt)\\b",
              "\\b(?:do\\s+not|don't|never)\\s+(?:follow|apply|use)\\s+(?:the\\s+|your\\s+)?"
                  + "(?:rubric|grading\\s+criteria|marking\\s+scheme|system\\s+prompt)\\b"),
          rule(
              "role-play",
              "\\byou\\s+are\\s+now\\s+(?:an?\\s+|the\\s+|my\\s+)(?:\\w+\\s+){0,2}?"
                  + "(?:grader|examiner|evaluator|teacher|judge|marker|assistant|ai|model|"
                  + "chatbot|llm|bot|dan)\\b",
              "\\byou\\s+are\\s+(?:now\\s+)?(?:in\\s+"
                  + MODE
                  + "|no\\s+longer\\s+(?:an?\\s+|the\\s+)?"
                  + "(?:grader|examiner|evaluator|assistant|ai|model|bound|restricted))\\b",
              COMMAND
                  + "act\\s+as\\s+(?:an?\\s+|the\\s+|my\\s+)?(?:\\w+\\s+){0,2}?(?:grader|examiner|"
                  + "teacher|evaluator|judge|marker|professor|interviewer|assistant|system)\\b"
                  + NOT_A_COMPONENT,
              COMMAND
                  + "(?:pretend\\s+(?:to\\s+be|you\\s+are|that\\s+you\\s+are)|role-?play\\s+as)\\b",
              "\\bas\\s+an?\\s+(?:ai\\s+|llm\\s+|automated\\s+)?(?:grader|examiner|evaluator|marker|"
                  + "assistant|language\\s+model)\\s*,?\\s+you\\s+(?:must|should|will|have\\s+to|"
                  + "need\\s+to|are\\s+(?:required|expected|instructed))\\b",
              "\\b" + MODE + "\\b",
              "\\bjailbr(?:eak|eaking|oken)\\b"),
          rule(
              "score-request",
              "\\bgive\\s+(?:me|us|it|this|"
                  + THIS_ANSWER
                  + "|the\\s+candidate)\\s+(?:an?\\s+|the\\s+)?"
                  + "(?:"
                  + TOP
                  + MARKS
                  + "|\\d{1,3}\\s*(?:/\\s*\\d{1,3}|out\\s+of\\s+\\d{1,3})|a\\+)",
              COMMAND + "(?:give|assign|award)\\s+(?:an?\\s+|the\\s+)?" + TOP + MARKS,
              "\\b(?:award|assign|grant)\\s+(?:me|it|this|"
                  + THIS_ANSWER
                  + "|the\\s+candidate)\\s+"
                  + "(?:an?\\s+|the\\s+)?"
                  + TOP
                  + MARKS,
              "\\b(?:score|rate|grade|mark)\\s+(?:this|"
                  + THIS_ANSWER
                  + ")\\s+(?:as\\s+|at\\s+)?"
                  + "(?:an?\\s+)?(?:\\d{1,3}\\b(?:\\s*/\\s*\\d{1,3})?|full\\b|perfect\\b|"
                  + "max(?:imum)?\\b|excellent\\b|strong\\b|a\\+)",
              "\\b(?:i|"
                  + THIS_ANSWER
                  + "|it)\\s+(?:deserves?|merits?|earns?|should\\s+(?:get|"
                  + "receive|be\\s+given)|must\\s+(?:get|receive|be\\s+given)|expects?)\\s+"
                  + "(?:an?\\s+|the\\s+)?(?:"
                  + TOP
                  + MARKS
                  + "|(\\d{1,3})\\s*/\\s*\\1\\b)",
              "\\b(?:final\\s+|overall\\s+)?(?:grade|mark|rating|verdict)\\s*[:=]\\s*"
                  + "(?:a\\+|a(?=\\s*(?:[.!,;]|$))|full\\b|perfect\\b|excellent\\b|strong\\b)",
              "\\b(?:grade|score|mark|rating)\\s*(?:[:=]|is|of)\\s*(\\d{1,3})\\s*/\\s*\\1\\b"),
          rule(
              "fake-rubric",
              "^[\\s>*_#-]*(?:rubric|grading\\s+(?:criteria|rubric|instructions|guidelines|notes?)|"
                  + "scoring\\s+(?:rubric|guide|instructions)|marking\\s+(?:scheme|criteria|guide)|"
                  + "system(?:\\s+(?:prompt|message|instructions?))?|assistant|new\\s+instructions|"
                  + "grader'?s?\\s+notes?)\\s*[*_]*\\s*:",
              "\\b(?:note|message|instructions?)\\s+(?:to|for)\\s+(?:the\\s+)?"
                  + "(?:ai\\s+|llm\\s+|automated\\s+)?"
                  + "(?:grader|examiner|evaluator|marker|grading\\s+(?:model|system))\\b",
              "\\bgrader'?s?\\s+notes?\\b",
              "^[ \\t>]*#{1,6}[ \\t]*(?:instructions?|system(?:\\s+prompt)?|rubric|"
                  + "grading\\s+(?:criteria|instructions))[ \\t]*:?[ \\t]*$",
              "\\[/?inst]|<<\\s*/?sys\\s*>>|<\\|\\s*(?:im_start|im_end|system|user|assistant|"
                  + "endoftext|eot_id|start_header_id|end_header_id|begin_of_text)\\s*\\|>|"
                  + "</?\\s*(?:system|instructions?|rubric|grader|assistant)\\s*>"));

  /** JSON keys of a grade; a key only in this set ("criterion", "rationale") names a grade. */
  private static final Set<String> GRADE_ONLY_KEYS =
      Set.of(
          "criterion",
          "criteria",
          "rationale",
          "overallrationale",
          "overall_rationale",
          "overall",
          "overall_score",
          "overallscore",
          "grade",
          "verdict",
          "justification",
          "citations",
          "exemplarid",
          "marks");

  /** Keys that also appear in ordinary APIs ({"label": "spam", "confidence": 0.9}). */
  private static final Set<String> SHARED_KEYS =
      Set.of("score", "scores", "confidence", "label", "points", "feedback", "reasoning");

  private static final Pattern QUOTED_KEY =
      Pattern.compile("[\"'“”]\\s*([A-Za-z_]{2,30})\\s*[\"'“”]\\s*:");
  private static final int MAX_JSON_SPAN = 4000;

  /** Zero-width and other format characters, which can hide a phrase from the patterns. */
  private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cf}\\u00AD]");

  private static final Pattern HORIZONTAL_SPACE =
      Pattern.compile("[\\h\\x0B\\f]+", Pattern.UNICODE_CHARACTER_CLASS);

  private InjectionDetector() {}

  private record Rule(String code, List<Pattern> patterns) {}

  /** Reason codes for {@code answer}, in the order of the class Javadoc. */
  public static List<String> findings(String answer) {
    String text = prepare(Objects.requireNonNull(answer, "answer"));
    List<String> out = new ArrayList<>();
    for (Rule rule : RULES) {
      if (rule.patterns().stream().anyMatch(p -> p.matcher(text).find())) {
        out.add(rule.code());
      }
    }
    if (hasGradeJson(text)) {
      out.add("grade-json");
    }
    return List.copyOf(out);
  }

  /** NFKC folds full-width and styled letters; line breaks stay because some rules need them. */
  private static String prepare(String answer) {
    String nfkc = Normalizer.normalize(answer, Normalizer.Form.NFKC);
    String visible = INVISIBLE.matcher(nfkc).replaceAll("");
    return HORIZONTAL_SPACE.matcher(visible).replaceAll(" ").replace('’', '\'');
  }

  /**
   * A brace span with two grade keys, at least one of them grade-only. One shared key such as
   * "score" is what a legitimate API example looks like.
   */
  private static boolean hasGradeJson(String text) {
    // Outermost spans only: a nested object's keys are already inside its parent's span.
    for (int open = text.indexOf('{'), end; open >= 0; open = text.indexOf('{', end)) {
      end = spanEnd(text, open);
      Set<String> keys = new HashSet<>();
      Matcher key = QUOTED_KEY.matcher(text).region(open, end);
      while (key.find()) {
        keys.add(key.group(1).toLowerCase(Locale.ROOT));
      }
      long gradeOnly = keys.stream().filter(GRADE_ONLY_KEYS::contains).count();
      long shared = keys.stream().filter(SHARED_KEYS::contains).count();
      if (gradeOnly >= 1 && gradeOnly + shared >= 2) {
        return true;
      }
    }
    return false;
  }

  /** The matching close brace, or the end of the text (an unclosed object still counts). */
  private static int spanEnd(String text, int open) {
    int limit = Math.min(text.length(), open + MAX_JSON_SPAN);
    int depth = 0;
    for (int i = open; i < limit; i++) {
      char c = text.charAt(i);
      depth += c == '{' ? 1 : c == '}' ? -1 : 0;
      if (depth == 0) {
        return i + 1;
      }
    }
    return limit;
  }

  private static Rule rule(String code, String... regexes) {
    List<Pattern> patterns = new ArrayList<>();
    for (String regex : regexes) {
      patterns.add(Pattern.compile(regex, FLAGS));
    }
    return new Rule(code, List.copyOf(patterns));
  }
}

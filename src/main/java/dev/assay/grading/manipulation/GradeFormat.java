package dev.assay.grading.manipulation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text that imitates a grade: a JSON object with grade keys, several "key: value" lines of grade
 * fields, XML-like score tags or a table with a score column. One shared key such as "score" is
 * what a legitimate API example looks like, so a finding needs a key that only a grade has.
 */
final class GradeFormat {
  /** Keys of a grade; a key only in this set ("criterion", "rationale") names a grade. */
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
          "final_score",
          "finalscore",
          "grade",
          "verdict",
          "justification",
          "citations",
          "exemplarid",
          "marks",
          "manipulationattempts");

  /** Keys that also appear in ordinary APIs ({"label": "spam", "confidence": 0.9}). */
  private static final Set<String> SHARED_KEYS =
      Set.of("score", "scores", "confidence", "label", "points", "feedback", "reasoning");

  private static final Pattern QUOTED_KEY =
      Pattern.compile("[\"'“”]\\s*([A-Za-z_]{2,30})\\s*[\"'“”]\\s*:");
  private static final Pattern KEY_LINE =
      Pattern.compile(
          "^[\\s>*_-]*\"?(criterion|criteria|score|overall[ _]?score|overall[ _]?rationale|"
              + "final[ _](?:score|grade)|rationale|verdict|grade|justification|citations)\"?"
              + "\\s*[:=]",
          Pattern.MULTILINE);
  private static final Pattern TAGS =
      Pattern.compile(
          "<\\s*(?:score|grade|rating|verdict|overall_?score|criterion_score)\\s*>\\s*[\\w./%+-]+"
              + "\\s*<\\s*/\\s*(?:score|grade|rating|verdict|overall_?score|criterion_score)\\s*>");
  private static final Pattern TABLE =
      Pattern.compile(
          "\\|\\s*(?:criterion|criteria)\\s*\\|\\s*(?:score|points|marks|level)\\s*\\|");
  private static final int MAX_JSON_SPAN = 4000;

  private GradeFormat() {}

  /** The first imitation found in folded text, or null. */
  static String find(String text) {
    String json = gradeJson(text);
    if (json != null) {
      return json;
    }
    Matcher line = KEY_LINE.matcher(text);
    Set<String> keys = new HashSet<>();
    String first = null;
    while (line.find()) {
      keys.add(line.group(1).replaceAll("[ _]", ""));
      first = first == null ? line.group() : first;
    }
    if (keys.size() >= 2
        && !(keys.size() == 2 && keys.contains("score") && keys.contains("grade"))) {
      return first;
    }
    Matcher tag = TAGS.matcher(text);
    if (tag.find()) {
      return tag.group();
    }
    Matcher table = TABLE.matcher(text);
    return table.find() ? table.group() : null;
  }

  private static String gradeJson(String text) {
    List<int[]> spans = jsonSpans(text);
    return spans.isEmpty()
        ? null
        : text.substring(spans.get(0)[0], Math.min(spans.get(0)[1], spans.get(0)[0] + 200));
  }

  /**
   * Brace spans (start, end) with two grade keys, at least one of them grade-only; outermost spans
   * only, since a nested object's keys are already inside its parent's span.
   */
  static List<int[]> jsonSpans(String text) {
    List<int[]> out = new ArrayList<>();
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
        out.add(new int[] {open, end});
      }
    }
    return out;
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
}

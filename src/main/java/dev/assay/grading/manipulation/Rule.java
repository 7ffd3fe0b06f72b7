package dev.assay.grading.manipulation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One phrase pattern of a {@link Category}, matched against folded text (lower-case, accents
 * removed, see {@link TextViews}). Patterns are written in lower case; their accents are removed
 * the same way, so foreign phrases can be written as they are spelled.
 */
record Rule(Category category, Pattern pattern) {

  /** The patterns of one category. */
  static List<Rule> of(Category category, String... regexes) {
    List<Rule> out = new ArrayList<>();
    for (String regex : regexes) {
      out.add(new Rule(category, Pattern.compile(TextViews.stripMarks(regex), Pattern.MULTILINE)));
    }
    return out;
  }

  /** The first match in {@code text}, or null. */
  String find(String text) {
    var m = pattern.matcher(text);
    return m.find() ? m.group() : null;
  }
}

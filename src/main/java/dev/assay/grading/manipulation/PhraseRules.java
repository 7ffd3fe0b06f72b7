package dev.assay.grading.manipulation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The detector's deterministic core: phrase rules (English and foreign) and grade-format imitation
 * matched over every reading of a text ({@link TextViews}), and the signals that are suspicious by
 * themselves (hidden characters, words of mixed scripts). A rule that matches only in a disguised
 * reading adds a finding of the disguise as well.
 */
final class PhraseRules {
  private static final List<Rule> RULES = rules();
  private static final Pattern SQUASHED =
      Pattern.compile(
          "(?:ignore|disregard|forget|override|bypass)(?:all|any|the|your|of)*(?:previous|prior|"
              + "above|earlier|system|grading)?(?:instructions?|rules|prompts?|rubric|guidelines|"
              + "criteria)|(?:give|award|assign|grant)\\w{0,14}(?:full|maximum|max|perfect|top|"
              + "highest)(?:possible)?(?:scores?|marks?|points?|grades?|credit)|score|marks|grade|"
              + "rubric|youarenow|systemprompt|instructions");
  private static final int MIN_MIXED_SCRIPT_WORDS = 3;

  private PhraseRules() {}

  /** Phrase rules and grade-format imitation over every reading. */
  static List<Finding> findings(TextViews.Readings readings) {
    List<Finding> out = new ArrayList<>();
    List<Category> inText = new ArrayList<>();
    for (TextViews.View view : readings.views()) {
      List<Finding> here = matches(view);
      for (Finding f : here) {
        if (view.source().equals(TextViews.TEXT)) {
          inText.add(f.category());
          out.add(f);
        } else if (!inText.contains(f.category())) {
          out.add(f);
          out.add(Finding.of(disguise(view.source()), view.source(), f.evidence()));
        }
      }
    }
    return out;
  }

  /** Whether any phrase rule or the grade-format check matches some reading of {@code text}. */
  static boolean matchAny(String text) {
    return !findings(TextViews.of(text)).isEmpty();
  }

  private static List<Finding> matches(TextViews.View view) {
    List<Finding> out = new ArrayList<>();
    for (Rule rule : RULES) {
      String hit = rule.find(view.text());
      if (hit != null) {
        out.add(Finding.of(rule.category(), view.source(), hit));
      }
    }
    String grade = GradeFormat.find(view.text());
    if (grade != null) {
      out.add(Finding.of(Category.GRADE_FORMAT, view.source(), grade));
    }
    if (view.source().equals(TextViews.LOOK_ALIKES) || view.source().equals(TextViews.TEXT)) {
      for (String run : Encodings.spelledRuns(view.text())) {
        if (SQUASHED.matcher(run).find()) {
          out.add(Finding.of(Category.OBFUSCATION, TextViews.DESPACED, run));
        }
      }
    }
    return out;
  }

  private static Category disguise(String source) {
    return switch (source) {
      case TextViews.HIDDEN -> Category.HIDDEN_TEXT;
      case TextViews.DECODED, TextViews.ROT13, TextViews.REVERSED -> Category.ENCODED_TEXT;
      default -> Category.OBFUSCATION;
    };
  }

  /** Hidden characters and words of mixed scripts are suspicious by themselves. */
  static void signals(TextViews.Readings readings, List<Finding> findings) {
    HiddenText.Scan hidden = readings.hidden();
    if (hidden.suspicious()) {
      String spelled = (hidden.tagText() + " " + hidden.selectorText()).strip();
      findings.add(
          Finding.of(
              Category.HIDDEN_TEXT,
              TextViews.HIDDEN,
              String.format(
                  "%d zero-width, %d bidirectional, %d tag characters%s",
                  hidden.zeroWidth(),
                  hidden.bidi(),
                  hidden.tags(),
                  spelled.isEmpty() ? "" : " spelling \"" + spelled + "\"")));
    }
    if (readings.mixedScriptWords() >= MIN_MIXED_SCRIPT_WORDS) {
      findings.add(
          Finding.of(
              Category.OBFUSCATION,
              TextViews.LOOK_ALIKES,
              readings.mixedScriptWords() + " words mix letters of different scripts"));
    }
  }

  private static List<Rule> rules() {
    List<Rule> out = new ArrayList<>(EnglishRules.all());
    out.addAll(ForeignRules.all());
    return List.copyOf(out);
  }
}

package dev.assay.grading.manipulation;

import dev.assay.text.AnswerText;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Sentences (of the answer and of what it hides or encodes) whose meaning reads like a message to
 * the grader, by comparison with the attack intents of the {@link IntentLibrary}. Only sentences
 * that name the grading, the answer, the reader or a plea are compared: that saves embedding the
 * rest, which no intent is close to.
 */
final class MeaningCheck {
  private static final Pattern GRADER_WORDS =
      Pattern.compile(
          "\\b(?:you|your|yours|grad(?:e|ed|er|ers|ing)|scor(?:e|ed|es|ing)|marks?|marked|marking|"
              + "rubrics?|criteri(?:a|on)|instructions?|prompts?|references?|exemplars?|answers?|"
              + "responses?|submissions?|deserv\\w*|approv\\w*|verified|authori[sz]\\w*|please|"
              + "generous\\w*|lenien\\w*|kind(?:ly)?|merc\\w*|rat(?:e|ed|ing|ings)|points?|credit|"
              + "evaluat\\w*|examin\\w*|assess\\w*|reviewers?|panel|interviewers?|recruiters?|"
              + "hiring|candidates?|pass(?:ed)?|full|maximum|perfect\\w*|flawless|exemplary|top|"
              + "highest|ai|llm|model)\\b");

  private static final int MIN_SENTENCE_WORDS = 4;

  private final IntentLibrary intents;

  MeaningCheck(IntentLibrary intents) {
    this.intents = intents;
  }

  /** Adds a finding per grader-directed sentence, and the answer's own such sentences as spans. */
  void check(
      List<AnswerText.Sentence> sentences,
      TextViews.Readings readings,
      List<Finding> findings,
      List<Inspection.Span> spans) {
    List<String> texts = new ArrayList<>();
    List<AnswerText.Sentence> located = new ArrayList<>();
    for (AnswerText.Sentence s : sentences) {
      String text = readable(s.text());
      if (AnswerText.wordCount(text) >= MIN_SENTENCE_WORDS
          && GRADER_WORDS.matcher(TextViews.fold(text)).find()) {
        texts.add(text);
        located.add(s);
      }
    }
    for (TextViews.View view : readings.views()) {
      if (view.source().equals(TextViews.HIDDEN) || view.source().equals(TextViews.DECODED)) {
        AnswerText.sentences(view.text()).stream()
            .filter(s -> AnswerText.wordCount(s.text()) >= MIN_SENTENCE_WORDS)
            .forEach(s -> texts.add(s.text()));
      }
    }
    List<IntentLibrary.Match> matches = intents.match(texts);
    for (int i = 0; i < matches.size(); i++) {
      IntentLibrary.Match m = matches.get(i);
      if (m.graderDirected()) {
        String source = i < located.size() ? "meaning" : "meaning of hidden or encoded text";
        findings.add(
            Finding.of(
                category(m.category()),
                source,
                String.format(
                    "%s (reads like \"%s\", %.2f)", m.sentence(), m.intent(), m.attack())));
        if (i < located.size()) {
          spans.add(new Inspection.Span(located.get(i).start(), located.get(i).end()));
        }
      }
    }
  }

  private static String readable(String sentence) {
    String visible = HiddenText.scan(sentence).visible();
    return Confusables.map(Normalizer.normalize(visible, Normalizer.Form.NFKC)).text();
  }

  private static Category category(String code) {
    for (Category c : Category.values()) {
      if (c.code.equals(code)) {
        return c;
      }
    }
    return Category.INTENT_SIMILARITY;
  }
}

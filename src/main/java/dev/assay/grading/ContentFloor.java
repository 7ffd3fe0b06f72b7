package dev.assay.grading;

import dev.assay.exemplar.ExemplarMatch;
import dev.assay.exemplar.Label;
import dev.assay.text.AnswerText;
import dev.assay.text.ContentWords;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises answers with no substantive content for their question: no words at all, a stock
 * non-answer ("I don't know"), text unrelated to the question and its reference answers (which
 * includes keyboard mash), and, for questions whose good answers are written prose, a bare list of
 * terms or the question said back. Such an answer scores at most {@link #CAP} of the scale and goes
 * to a reviewer. The rules are deliberately narrow: short-answer questions whose good answers are
 * themselves lists or restate the question's terms (measured on SAF, Beetle and SciEntsBank) are
 * never floored for that.
 */
final class ContentFloor {
  /** Highest share of the scale a content-free answer can score. */
  static final double CAP = 0.1;

  /** Below this similarity to every retrieved exemplar, with no shared content word: unrelated. */
  static final double UNRELATED_SIMILARITY = 0.45;

  /** Good answers at least this long (median words) make a question an essay question. */
  private static final int ESSAY_WORDS = 100;

  /** Function words in the languages answers arrive in; a statement contains some. */
  private static final Set<String> STATEMENT_WORDS =
      Set.of(
          ("a an the is are was were be to of and or in on for with it this that because "
                  + "would will can should i we you if so not by as at from der die das und ist sind "
                  + "nicht ein eine mit zu le la les est et un une des du el los las es y que de en")
              .split(" "));

  private static final Pattern NON_ANSWER =
      Pattern.compile(
          "(i ?(really )?(do ?n[o']?t|dont) know|idk|no idea|not sure|n/?a|none|nothing|pass|skip"
              + "|tbd|todo|good question|no comment|\\?+|-+|\\.+)",
          Pattern.CASE_INSENSITIVE);

  private ContentFloor() {}

  /** Why an answer has no substance, in a stable code and in plain words. */
  enum Reason {
    NO_WORDS("no-words", "The answer contains no words or numbers."),
    NON_ANSWER("non-answer", "The answer declines to answer (for example \"I don't know\")."),
    UNRELATED(
        "unrelated",
        "The answer shares no content with the question or its reference answers: it is about"
            + " something else, or not made of words."),
    KEYWORD_LIST(
        "keyword-list",
        "The answer lists terms without making any statement about them, where the question asks"
            + " for a written explanation."),
    RESTATES_QUESTION(
        "restates-question", "The answer repeats the question without adding anything to it.");

    final String code;
    final String explanation;

    Reason(String code, String explanation) {
      this.code = code;
      this.explanation = explanation;
    }
  }

  static Optional<Reason> check(String answer, String question, List<ExemplarMatch> exemplars) {
    String text = answer.strip();
    if (text.codePoints().noneMatch(Character::isLetterOrDigit)) {
      return Optional.of(Reason.NO_WORDS);
    }
    String folded = AnswerText.dedupKey(text).replaceAll("[.!]+$", "").strip();
    if (NON_ANSWER.matcher(folded).matches()) {
      return Optional.of(Reason.NON_ANSWER);
    }
    Set<String> answerContent = ContentWords.of(text);
    Set<String> questionContent = ContentWords.of(question);
    if (unrelated(answerContent, questionContent, exemplars)) {
      return Optional.of(Reason.UNRELATED);
    }
    List<ExemplarMatch> good = exemplars.stream().filter(e -> e.label() != Label.WEAK).toList();
    if (good.isEmpty() || medianWords(good) < ESSAY_WORDS) {
      return Optional.empty();
    }
    List<String> words = ContentWords.words(text).toList();
    if (words.size() >= 3 && words.stream().noneMatch(STATEMENT_WORDS::contains)) {
      return Optional.of(Reason.KEYWORD_LIST);
    }
    Set<String> added = new HashSet<>(answerContent);
    added.removeAll(questionContent);
    if (added.size() <= 1) {
      return Optional.of(Reason.RESTATES_QUESTION);
    }
    return Optional.empty();
  }

  private static boolean unrelated(
      Set<String> answer, Set<String> question, List<ExemplarMatch> exemplars) {
    if (exemplars.isEmpty()
        || exemplars.stream().anyMatch(e -> e.similarity() >= UNRELATED_SIMILARITY)) {
      return false;
    }
    Set<String> vocabulary = new HashSet<>(question);
    exemplars.forEach(e -> vocabulary.addAll(ContentWords.of(e.text())));
    return answer.stream().noneMatch(vocabulary::contains);
  }

  private static double medianWords(List<ExemplarMatch> exemplars) {
    int[] counts =
        exemplars.stream().mapToInt(e -> AnswerText.wordCount(e.text())).sorted().toArray();
    int n = counts.length;
    return n % 2 == 1 ? counts[n / 2] : (counts[n / 2 - 1] + counts[n / 2]) / 2.0;
  }
}

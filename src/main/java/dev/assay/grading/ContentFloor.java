package dev.assay.grading;

import dev.assay.embedding.Embedding;
import dev.assay.exemplar.ExemplarMatch;
import dev.assay.exemplar.Label;
import dev.assay.text.AnswerText;
import dev.assay.text.ContentWords;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises answers with no substantive content for their question: no words at all, a stock
 * non-answer ("I don't know"), text unrelated to the question and its reference answers (keyboard
 * mash, a recipe, lorem ipsum), and, for questions whose good answers are written prose, a list of
 * terms or the question said back without a statement of one's own. Such an answer scores at most
 * {@link #CAP} of the scale and goes to a reviewer.
 *
 * <p>The rules are narrow on purpose and were checked against honest answers: no gold-set answer
 * its author scored above 0 is floored (ContentFreeTest), and short-answer questions, whose good
 * answers are themselves lists or reuse the question's terms (SAF, Beetle, SciEntsBank), are only
 * floored for unrelated text.
 */
final class ContentFloor {
  /** Highest share of the scale a content-free answer can score. */
  static final double CAP = 0.1;

  /** Good answers at least this long (median words) make a question an essay question. */
  private static final int ESSAY_WORDS = 100;

  /**
   * An answer whose content words are mostly unknown to the question and its reference answers
   * (below this share) is unrelated to an essay question: measured, unrelated texts share at most
   * 0.24 and honest gold answers at least 0.41.
   */
  private static final double RELATED_VOCABULARY = 0.3;

  /**
   * An answer further from every retrieved exemplar than the exemplars are from each other, by this
   * much, reads as being about something else (honest gold answers: at least -0.06).
   */
  private static final double UNRELATED_DISTANCE = -0.10;

  /** A sentence of terms: at least this many items, and few function words among its words. */
  private static final int LIST_ITEMS = 3;

  private static final double LIST_FUNCTION_WORDS = 0.15;

  /**
   * An answer (or sentence) whose content words are less than this share new beyond the question's
   * says the question back (measured: restated questions at most 0.26, honest gold answers at least
   * 0.50).
   */
  private static final double ECHO = 0.3;

  private static final Pattern ITEM_BREAK = Pattern.compile("[,/\\u00b7]|\\s-\\s");

  private static final Pattern NON_ANSWER =
      Pattern.compile(
          "(i ?(really )?(do ?n[o']?t|dont) know|idk|no idea|not sure|n/?a|none|nothing|pass|skip"
              + "|tbd|todo|good question|no comment|it depends|no answer|\\?+|-+|\\.+"
              + "|let me think( about it)?.*|(i'?ll|i will) (get|come) back to (you|this|it).*)"
              + "([ ,.!]+(sorry|skip|pass|thanks))*",
          Pattern.CASE_INSENSITIVE);

  private ContentFloor() {}

  /** Why an answer has no substance, as a stable code and in plain words. */
  enum Reason {
    NO_WORDS("no-words", "The answer contains no words or numbers."),
    NON_ANSWER("non-answer", "The answer declines to answer (for example \"I don't know\")."),
    UNRELATED(
        "unrelated",
        "The answer has nothing to do with the question or its reference answers: it is about"
            + " something else, or is not made of words."),
    KEYWORD_LIST(
        "keyword-list",
        "The answer lists terms without making any statement about them, where the question asks"
            + " for a written explanation."),
    RESTATES_QUESTION(
        "restates-question", "The answer says the question back without a statement of its own.");

    final String code;
    final String explanation;

    Reason(String code, String explanation) {
      this.code = code;
      this.explanation = explanation;
    }
  }

  /**
   * How close the answer came to its retrieved exemplars ({@code nearest}: the highest similarity)
   * and how close those exemplars are to each other ({@code spread}: their lowest pairwise
   * similarity; NaN with fewer than two).
   */
  record Closeness(double nearest, double spread) {
    double margin() {
      return Double.isNaN(spread) ? Double.NaN : nearest - spread;
    }

    static Closeness of(double nearest, List<ExemplarMatch> exemplars, TextVectors vectors) {
      List<Embedding> v = exemplars.stream().map(e -> vectors.of(e.text())).toList();
      double spread = Double.NaN;
      for (int i = 0; i < v.size(); i++) {
        for (int j = i + 1; j < v.size(); j++) {
          double s = v.get(i).cosine(v.get(j));
          spread = Double.isNaN(spread) ? s : Math.min(spread, s);
        }
      }
      return new Closeness(nearest, spread);
    }
  }

  static Optional<Reason> check(
      String answer, String question, List<ExemplarMatch> exemplars, Closeness closeness) {
    String text = answer.strip();
    if (text.codePoints().noneMatch(Character::isLetterOrDigit)) {
      return Optional.of(Reason.NO_WORDS);
    }
    String folded = AnswerText.dedupKey(text).replaceAll("[.!]+$", "").strip();
    if (NON_ANSWER.matcher(folded).matches()) {
      return Optional.of(Reason.NON_ANSWER);
    }
    if (exemplars.isEmpty()) {
      return Optional.empty();
    }
    Set<String> questionContent = ContentWords.of(question);
    boolean essay = essay(exemplars);
    double related = relatedShare(ContentWords.of(text), questionContent, exemplars);
    double margin = closeness.margin();
    boolean far = !Double.isNaN(margin) && margin < UNRELATED_DISTANCE;
    if ((far && related < 0.5) || (essay && related < RELATED_VOCABULARY)) {
      return Optional.of(Reason.UNRELATED);
    }
    if (!essay) {
      return Optional.empty();
    }
    if (newShare(text, questionContent) < ECHO) {
      return Optional.of(Reason.RESTATES_QUESTION);
    }
    return onlyTermsAndEchoes(text, questionContent)
        ? Optional.of(Reason.KEYWORD_LIST)
        : Optional.empty();
  }

  /** Whether the question's good answers are written prose (a median of 100 words or more). */
  private static boolean essay(List<ExemplarMatch> exemplars) {
    int[] counts =
        exemplars.stream()
            .filter(e -> e.label() != Label.WEAK)
            .mapToInt(e -> AnswerText.wordCount(e.text()))
            .sorted()
            .toArray();
    if (counts.length == 0) {
      return false;
    }
    int n = counts.length;
    double median = n % 2 == 1 ? counts[n / 2] : (counts[n / 2 - 1] + counts[n / 2]) / 2.0;
    return median >= ESSAY_WORDS;
  }

  /** The share of the answer's content words that the question or its exemplars also use. */
  private static double relatedShare(
      Set<String> answer, Set<String> question, List<ExemplarMatch> exemplars) {
    if (answer.isEmpty()) {
      return 0;
    }
    Set<String> vocabulary = new HashSet<>(question);
    exemplars.forEach(e -> vocabulary.addAll(ContentWords.of(e.text())));
    return answer.stream().filter(vocabulary::contains).count() / (double) answer.size();
  }

  /** The share of a text's content words that the question does not already use. */
  private static double newShare(String text, Set<String> questionContent) {
    Set<String> content = ContentWords.of(text);
    if (content.isEmpty()) {
      return 0;
    }
    return content.stream().filter(w -> !questionContent.contains(w)).count()
        / (double) content.size();
  }

  /**
   * Whether the answer is terms without statements: every sentence of three or more words is a list
   * of terms (three or more items, hardly any function words), a question, or an echo of the
   * question asked, and at least one is a list. An honest answer, however terse, makes a statement.
   */
  private static boolean onlyTermsAndEchoes(String text, Set<String> questionContent) {
    boolean list = false;
    for (AnswerText.Sentence s : AnswerText.sentences(text)) {
      String sentence = s.text();
      List<String> words = ContentWords.words(sentence).toList();
      if (words.size() < 3) {
        continue;
      }
      if (isList(sentence)) {
        list = true;
      } else if (!sentence.endsWith("?") && newShare(sentence, questionContent) >= ECHO) {
        return false;
      }
    }
    return list;
  }

  /**
   * Whether a sentence is a list of terms: three or more items and, counting whitespace-separated
   * tokens (so {@code off-policy} and {@code A/B} are one term each), fewer than 15% function
   * words.
   */
  private static boolean isList(String sentence) {
    long items = ITEM_BREAK.splitAsStream(sentence).filter(i -> !i.isBlank()).count();
    List<String> tokens =
        Arrays.stream(sentence.toLowerCase(Locale.ROOT).split("[\\s,;:()]+"))
            .map(t -> t.replaceAll("^\\p{Punct}+|\\p{Punct}+$", "").replaceAll("'.*$", ""))
            .filter(t -> !t.isEmpty())
            .toList();
    long function = tokens.stream().filter(ContentWords::isFunctionWord).count();
    return items >= LIST_ITEMS && function < LIST_FUNCTION_WORDS * tokens.size();
  }
}

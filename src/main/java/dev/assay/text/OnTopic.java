package dev.assay.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The part of an answer that speaks to the question: the answer without its <em>off-topic</em>
 * sentences. Polite openings, boasts and sign-offs add words but no content, and a learned scorer
 * that reads length and new words rewards them.
 *
 * <p>A sentence is judged by its content words that are not {@link MetaDiscourse} (words about the
 * act of asking and answering, greetings, the writer's attitude). It is on topic when at least one
 * of them occurs in the question's own vocabulary (its prompt, rubric and exemplars) and at least
 * half of them occur somewhere in the bank. A sentence with nothing but meta-discourse is off
 * topic; one without any word (a formula, a list label) is kept, since nothing in it can be judged.
 *
 * <p>Why two vocabularies: a question has a handful of exemplars, so an honest sentence often uses
 * words none of them does (judged against the question alone, 16% of the honest sentences of the
 * Assay gold set were dropped); the whole bank knows the field's words, but also many everyday
 * ones, so filler would pass against it alone. Requiring one word of the question's and a majority
 * of the bank's drops 0.2% of those honest sentences and every sentence of the probe's filler, on
 * every data set measured (docs/fairness.md).
 */
public final class OnTopic {
  private OnTopic() {}

  /**
   * An answer split by the rule: {@code onTopic}, its on-topic sentences joined by spaces in order,
   * and the {@code offTopic} ones. The answer stays whole (nothing off topic) when every sentence
   * is on topic or none is: an answer never loses all its evidence.
   */
  public record Split(String onTopic, List<String> offTopic) {
    public boolean whole() {
      return offTopic.isEmpty();
    }
  }

  /**
   * Splits {@code answer}; {@code bank} is asked only when the question's vocabulary does not
   * settle a sentence.
   */
  public static Split of(String answer, Set<String> question, Supplier<Set<String>> bank) {
    Supplier<Set<String>> once = new ReadOnce(bank);
    List<AnswerText.Sentence> sentences = AnswerText.sentences(answer);
    List<String> kept = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    for (AnswerText.Sentence sentence : sentences) {
      (onTopic(ContentWords.of(sentence.text()), question, once) ? kept : dropped)
          .add(sentence.text());
    }
    return kept.isEmpty() || dropped.isEmpty()
        ? new Split(answer, List.of())
        : new Split(String.join(" ", kept), List.copyOf(dropped));
  }

  /** Whether a sentence of these content words is on topic (the rule in the class comment). */
  static boolean onTopic(Set<String> content, Set<String> question, Supplier<Set<String>> bank) {
    List<String> own = new ArrayList<>();
    boolean anyWord = false;
    for (String w : content) {
      if (w.chars().anyMatch(Character::isLetter)) {
        anyWord = true;
        if (!MetaDiscourse.contains(w)) {
          own.add(w);
        }
      }
    }
    if (!anyWord) {
      return true;
    }
    long inQuestion = own.stream().filter(question::contains).count();
    if (inQuestion == 0) {
      return false;
    }
    if (2 * inQuestion >= own.size()) {
      return true; // the bank holds the question's vocabulary: settled without it
    }
    Set<String> known = bank.get();
    return 2 * own.stream().filter(known::contains).count() >= own.size();
  }

  /** The bank's words, asked for at most once per answer (building them may cost a copy). */
  private static final class ReadOnce implements Supplier<Set<String>> {
    private final Supplier<Set<String>> source;
    private Set<String> read;

    ReadOnce(Supplier<Set<String>> source) {
      this.source = source;
    }

    @Override
    public Set<String> get() {
      if (read == null) {
        read = source.get();
      }
      return read;
    }
  }
}

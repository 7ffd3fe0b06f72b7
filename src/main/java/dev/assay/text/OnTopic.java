package dev.assay.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The part of an answer that speaks to the rubric: the answer without its <em>off-topic</em>
 * sentences, those whose content words (the question's own words set aside) mostly occur in no
 * retrieved exemplar. Polite openings, boasts and sign-offs add words but no content. The rule is a
 * majority, not a single shared word, because filler is made of common words ("answer", "well",
 * "clear") that some exemplar of almost any question happens to contain; the question's own words
 * are set aside because repeating the question earns nothing. A sentence with no content word
 * beyond the question's is kept, since nothing in it can be judged.
 */
public final class OnTopic {
  private OnTopic() {}

  /**
   * The on-topic sentences of {@code answer} joined by spaces, in order; the answer itself when
   * every sentence is on topic or none is (an answer never loses all its evidence).
   */
  public static String of(String answer, String question, Collection<String> exemplars) {
    Set<String> questionWords = ContentWords.of(question);
    Set<String> vocabulary = new HashSet<>();
    exemplars.forEach(e -> vocabulary.addAll(ContentWords.of(e)));
    List<AnswerText.Sentence> sentences = AnswerText.sentences(answer);
    List<String> kept = new ArrayList<>();
    for (AnswerText.Sentence sentence : sentences) {
      if (onTopic(ContentWords.of(sentence.text()), questionWords, vocabulary)) {
        kept.add(sentence.text());
      }
    }
    return kept.isEmpty() || kept.size() == sentences.size() ? answer : String.join(" ", kept);
  }

  /**
   * Whether at least half of a sentence's content words outside the question occur in the
   * exemplars' vocabulary (true when it has none outside the question).
   */
  static boolean onTopic(Set<String> content, Set<String> question, Set<String> vocabulary) {
    int own = 0;
    int known = 0;
    for (String w : content) {
      if (!question.contains(w)) {
        own++;
        if (vocabulary.contains(w)) {
          known++;
        }
      }
    }
    return 2 * known >= own;
  }
}

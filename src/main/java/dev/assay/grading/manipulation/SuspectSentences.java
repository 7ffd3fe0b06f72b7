package dev.assay.grading.manipulation;

import dev.assay.text.AnswerText;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which sentences of an answer belong to a message aimed at the grader: those a phrase rule matches
 * on their own or within a window of up to {@link #MAX_WINDOW} neighbours (an instruction split
 * over lines), then, transitively, their short or second-person neighbours: the rest of the message
 * ("Now do A + B.", "score: 4").
 */
final class SuspectSentences {
  private static final int MAX_WINDOW = 4;
  private static final int SHORT_SENTENCE_WORDS = 8;
  private static final Pattern SECOND_PERSON =
      Pattern.compile(
          "\\b(?:you|your|yours)\\b|^[\\W_]*(?:now|then|so|take|use|do|follow|apply|remember|note|"
              + "combine|read|decode|continue|treat|make)\\b");

  private SuspectSentences() {}

  /** Sentences that the phrase rules match alone or in a window of neighbours. */
  static boolean[] byRules(List<AnswerText.Sentence> sentences) {
    int n = sentences.size();
    boolean[] suspect = new boolean[n];
    for (int i = 0; i < n; i++) {
      suspect[i] = PhraseRules.matchAny(sentences.get(i).text());
    }
    for (int size = 2; size <= MAX_WINDOW; size++) {
      for (int i = 0; i + size <= n; i++) {
        boolean covered = false;
        StringBuilder window = new StringBuilder();
        for (int j = i; j < i + size; j++) {
          covered |= suspect[j];
          window.append(sentences.get(j).text()).append('\n');
        }
        if (!covered && PhraseRules.matchAny(window.toString())) {
          for (int j = i; j < i + size; j++) {
            suspect[j] = true;
          }
        }
      }
    }
    return suspect;
  }

  /** Marks, transitively, the short or second-person neighbours of suspect sentences. */
  static void spread(List<AnswerText.Sentence> sentences, boolean[] suspect) {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int i = 0; i < suspect.length; i++) {
        boolean besideSuspect =
            (i > 0 && suspect[i - 1]) || (i + 1 < suspect.length && suspect[i + 1]);
        if (!suspect[i] && besideSuspect && partOfMessage(sentences.get(i).text())) {
          suspect[i] = true;
          changed = true;
        }
      }
    }
  }

  private static boolean partOfMessage(String sentence) {
    String folded = TextViews.fold(Spans.visible(sentence)).strip();
    return AnswerText.wordCount(folded) <= SHORT_SENTENCE_WORDS
        || SECOND_PERSON.matcher(folded).find();
  }
}

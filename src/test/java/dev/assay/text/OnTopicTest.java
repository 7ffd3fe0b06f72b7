package dev.assay.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OnTopicTest {
  private static final String PROMPT = "Explain why the receiver advertises a window in TCP.";
  private static final Set<String> QUESTION = ContentWords.of(PROMPT);
  private static final List<String> EXEMPLAR_TEXTS =
      List.of(
          "The window tells the sender how much buffer space the receiver has.",
          "Flow control: the sender never overruns the receiver's buffer.");
  private static final List<Set<String>> EXEMPLARS =
      EXEMPLAR_TEXTS.stream().map(ContentWords::of).toList();

  @Test
  void dropsSentencesMadeOfWordsNoExemplarUses() {
    String answer =
        "Good morning, I really enjoy interviews. The window protects the receiver's buffer from"
            + " the sender. Thanks a lot, have a wonderful day!";
    assertEquals(
        "The window protects the receiver's buffer from the sender.",
        OnTopic.of(answer, PROMPT, EXEMPLAR_TEXTS));
  }

  @Test
  void oneCommonWordSharedWithAnExemplarDoesNotMakeFillerOnTopic() {
    // "much" is in an exemplar; "hope", "explanation", "clear", "enough" are not: 1 of 5.
    assertFalse(
        OnTopic.onTopic(
            ContentWords.of("I hope this explanation is clear and much enough."),
            QUESTION,
            vocabulary()));
  }

  @Test
  void theQuestionsOwnWordsNeitherKeepNorDropASentence() {
    // "explain" and "window" are the question's: set aside; "sender" is an exemplar's, "slows"
    // is not: one of two, at least half, kept.
    assertTrue(
        OnTopic.onTopic(
            ContentWords.of("To explain: the window slows the sender."), QUESTION, vocabulary()));
    // Only the question's words: nothing to judge, kept.
    assertTrue(OnTopic.onTopic(ContentWords.of("Explain TCP."), QUESTION, vocabulary()));
    // Polite words around the question's own: dropped.
    assertFalse(
        OnTopic.onTopic(
            ContentWords.of("Let me gladly explain this nicely."), QUESTION, vocabulary()));
  }

  @Test
  void anAnswerAllOnTopicOrWithNothingOnTopicIsKeptWhole() {
    for (String answer :
        List.of(
            "The receiver's buffer is finite.\nThe sender must slow down.",
            "Bananas are yellow. Cats purr loudly.")) {
      assertEquals(answer, OnTopic.of(answer, PROMPT, EXEMPLAR_TEXTS));
    }
  }

  private static Set<String> vocabulary() {
    Set<String> all = new java.util.HashSet<>();
    EXEMPLARS.forEach(all::addAll);
    return all;
  }
}

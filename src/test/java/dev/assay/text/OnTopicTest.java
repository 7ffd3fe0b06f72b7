package dev.assay.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class OnTopicTest {
  /** The question's vocabulary: its prompt and exemplars. */
  private static final Set<String> QUESTION =
      words(
          "Explain why the receiver advertises a window in TCP.",
          "The window tells the sender how much buffer space the receiver has.",
          "Flow control: the sender never overruns the receiver's buffer.");

  /** The rest of the bank: other questions of the same field. */
  private static final Set<String> BANK =
      union(
          QUESTION,
          words(
              "Congestion control slows the sender when routers drop packets.",
              "Acknowledgements arrive late on a long link, so throughput falls."));

  @Test
  void dropsGreetingsBoastsAndSignOffs() {
    String answer =
        "Good morning, I really enjoy interviews. The window protects the receiver's buffer from"
            + " the sender. Thanks a lot for reading my response, have a wonderful day!";
    OnTopic.Split split = OnTopic.of(answer, QUESTION, () -> BANK);
    assertEquals("The window protects the receiver's buffer from the sender.", split.onTopic());
    assertEquals(
        List.of(
            "Good morning, I really enjoy interviews.",
            "Thanks a lot for reading my response, have a wonderful day!"),
        split.offTopic());
  }

  @Test
  void talkAboutTheAnswerIsOffTopicEvenInWordsTheExemplarsUse() {
    // "explain", "answer", "clear", "question" and "well" are meta-discourse: nothing is left.
    for (String filler :
        List.of(
            "Let me explain my answer as clearly as I can.",
            "I hope that this explanation is clear and that it answers the question well.",
            "Thank you for this question, it is an interesting one.")) {
      assertFalse(OnTopic.onTopic(ContentWords.of(filler), QUESTION, () -> BANK), filler);
    }
  }

  @Test
  void anHonestSentenceInWordsOfItsOwnIsKeptWhenTheBankKnowsThem() {
    // "window" is the question's; "congestion", "routers", "packets" only the bank's: kept.
    assertTrue(
        OnTopic.onTopic(
            ContentWords.of("Unlike congestion at routers, the window protects packets."),
            QUESTION,
            () -> BANK));
    // The same words with nothing of the question's: a sentence about another question.
    assertFalse(
        OnTopic.onTopic(
            ContentWords.of("Congestion at routers drops packets."), QUESTION, () -> BANK));
    // One word of the question's among words the bank has never seen: dropped.
    assertFalse(
        OnTopic.onTopic(
            ContentWords.of("My window cleaner polishes marble balconies weekly."),
            QUESTION,
            () -> BANK));
  }

  @Test
  void theBankIsReadOnlyWhenTheQuestionDoesNotSettleASentence() {
    AtomicInteger reads = new AtomicInteger();
    Supplier<Set<String>> bank =
        () -> {
          reads.incrementAndGet();
          return BANK;
        };
    assertTrue(OnTopic.onTopic(ContentWords.of("The sender fills the window."), QUESTION, bank));
    assertFalse(OnTopic.onTopic(ContentWords.of("Have a wonderful day."), QUESTION, bank));
    assertEquals(0, reads.get());
    assertTrue(OnTopic.onTopic(ContentWords.of("The window avoids congestion."), QUESTION, bank));
    assertEquals(1, reads.get());
    // Two sentences the question leaves unsettled: the bank is still read once for the answer.
    OnTopic.of("The window avoids congestion. The window spares routers.", QUESTION, bank);
    assertEquals(2, reads.get());
  }

  @Test
  void aSentenceWithoutWordsIsKeptAndAnAnswerNeverLosesEverything() {
    assertTrue(OnTopic.onTopic(ContentWords.of("= 0.95 * 1.5"), QUESTION, () -> BANK));
    for (String answer :
        List.of(
            "The receiver's buffer is finite.\nThe sender must slow down.",
            "Bananas are yellow. Cats purr loudly.")) {
      OnTopic.Split split = OnTopic.of(answer, QUESTION, () -> BANK);
      assertEquals(answer, split.onTopic());
      assertTrue(split.whole());
    }
  }

  private static Set<String> words(String... texts) {
    Set<String> all = new HashSet<>();
    for (String t : texts) {
      all.addAll(ContentWords.of(t));
    }
    return all;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }
}

package dev.assay.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs in the Quarkus test JVM because the tokenizer's native library loads once per JVM. */
@QuarkusTest
class TextChunkerTest {
  private static final int BUDGET = 500;

  @Inject EmbeddingService embeddings;
  private TextChunker chunker;

  @BeforeEach
  void chunker() {
    chunker = embeddings.chunker();
  }

  @Test
  void shortTextIsOneChunk() {
    List<TextChunker.Chunk> chunks = chunker.chunk("Use temporal splits for time series.");
    assertEquals(1, chunks.size());
    assertEquals("Use temporal splits for time series.", chunks.get(0).text());
  }

  @Test
  void longAnswerIsSplitWithinTheBudgetOnSentenceBoundaries() {
    String sentence =
        "Gradient boosting handles sparse tabular features well and stays interpretable enough. ";
    List<TextChunker.Chunk> chunks = chunker.chunk(sentence.repeat(120));
    assertTrue(chunks.size() > 1);
    for (TextChunker.Chunk c : chunks) {
      assertTrue(c.tokens() <= BUDGET);
      assertTrue(c.text().endsWith("enough."), c.text());
    }
  }

  @Test
  void everyWordSurvivesChunkingAndNoChunkExceedsTheBudget() {
    qt().withExamples(60)
        .forAll(
            lists()
                .of(strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 30))
                .ofSizeBetween(1, 400))
        .checkAssert(
            words -> {
              String text = String.join(" ", words) + ".";
              List<TextChunker.Chunk> chunks = chunker.chunk(text);
              String rejoined =
                  String.join(" ", chunks.stream().map(TextChunker.Chunk::text).toList());
              assertEquals(text.replaceAll("\\s+", ""), rejoined.replaceAll("\\s+", ""));
              chunks.forEach(c -> assertTrue(c.tokens() <= BUDGET, c.tokens() + " tokens"));
              chunks.forEach(c -> assertTrue(chunker.count(c.text()) <= BUDGET));
            });
  }

  @Test
  void aSingleHugeWordIsSlicedRatherThanTruncated() {
    String word = "x".repeat(1000);
    List<TextChunker.Chunk> chunks = chunker.chunk(word);
    assertEquals(word, String.join("", chunks.stream().map(TextChunker.Chunk::text).toList()));
    chunks.forEach(c -> assertTrue(c.tokens() <= BUDGET));
  }
}

package dev.assay.embedding;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits text into chunks that fit the model's input window, on sentence boundaries where it can
 * and on word boundaries where a single sentence is too long. Nothing is dropped: the chunks
 * together hold every word of the input.
 */
final class TextChunker {
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?;:])\\s+|\\n+");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final HuggingFaceTokenizer tokenizer;
  private final int maxTokens;

  TextChunker(HuggingFaceTokenizer tokenizer, int maxTokens) {
    this.tokenizer = tokenizer;
    this.maxTokens = maxTokens;
  }

  /** Chunks of the text, each at most {@code maxTokens} word pieces, with their token counts. */
  List<Chunk> chunk(String text) {
    List<Chunk> chunks = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int currentTokens = 0;
    for (String sentence : pieces(text)) {
      int tokens = count(sentence);
      if (currentTokens > 0 && currentTokens + tokens > maxTokens) {
        chunks.add(new Chunk(current.toString(), currentTokens));
        current.setLength(0);
        currentTokens = 0;
      }
      if (!current.isEmpty()) {
        current.append(' ');
      }
      current.append(sentence);
      currentTokens += tokens;
    }
    if (currentTokens > 0) {
      chunks.add(new Chunk(current.toString(), currentTokens));
    }
    return chunks;
  }

  int count(String text) {
    return tokenizer.encode(text, false, false).getIds().length;
  }

  /** Sentences, with any sentence longer than the budget split further into word runs. */
  private List<String> pieces(String text) {
    List<String> out = new ArrayList<>();
    for (String sentence : SENTENCE_END.split(text.strip())) {
      String s = sentence.strip();
      if (s.isEmpty()) {
        continue;
      }
      if (count(s) <= maxTokens) {
        out.add(s);
      } else {
        splitByWords(s, out);
      }
    }
    return out;
  }

  private void splitByWords(String sentence, List<String> out) {
    StringBuilder run = new StringBuilder();
    int runTokens = 0;
    for (String word : words(sentence)) {
      int tokens = count(word);
      if (runTokens > 0 && runTokens + tokens > maxTokens) {
        out.add(run.toString());
        run.setLength(0);
        runTokens = 0;
      }
      if (!run.isEmpty()) {
        run.append(' ');
      }
      run.append(word);
      runTokens += tokens;
    }
    if (!run.isEmpty()) {
      out.add(run.toString());
    }
  }

  /**
   * Words of the sentence; a "word" longer than the budget (e.g. a long URL) is cut into slices.
   */
  private List<String> words(String sentence) {
    List<String> words = new ArrayList<>();
    for (String word : WHITESPACE.split(sentence)) {
      if (count(word) <= maxTokens) {
        words.add(word);
        continue;
      }
      // A word piece covers at least one character, so a slice of maxTokens characters fits.
      for (int i = 0; i < word.length(); i += maxTokens) {
        words.add(word.substring(i, Math.min(word.length(), i + maxTokens)));
      }
    }
    return words;
  }

  /** One piece of text and its word-piece count. */
  record Chunk(String text, int tokens) {}
}

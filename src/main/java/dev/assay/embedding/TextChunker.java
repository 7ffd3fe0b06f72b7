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
    return pack(pieces(text));
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
    pack(words(sentence)).forEach(c -> out.add(c.text()));
  }

  /** Greedily joins consecutive pieces while the running token count stays within the budget. */
  private List<Chunk> pack(List<String> pieces) {
    List<Chunk> chunks = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int currentTokens = 0;
    for (String piece : pieces) {
      int tokens = count(piece);
      if (currentTokens > 0 && currentTokens + tokens > maxTokens) {
        chunks.add(new Chunk(current.toString(), currentTokens));
        current.setLength(0);
        currentTokens = 0;
      }
      if (!current.isEmpty()) {
        current.append(' ');
      }
      current.append(piece);
      currentTokens += tokens;
    }
    if (currentTokens > 0) {
      chunks.add(new Chunk(current.toString(), currentTokens));
    }
    return chunks;
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

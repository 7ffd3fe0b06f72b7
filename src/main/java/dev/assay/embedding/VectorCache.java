package dev.assay.embedding;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.assay.platform.Hashing;
import dev.assay.text.AnswerText;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Vectors of texts that change rarely (question prompts, rubric descriptors, exemplars and their
 * sentences), computed once per model and content and kept in memory up to a bound on the number of
 * vectors: a bank of any size fits, the least recently used entries are dropped and recomputed on
 * demand. Candidate answers are not cached here (each is seen once).
 */
@ApplicationScoped
public class VectorCache {
  /** About 45 MiB of 384-dimensional vectors. */
  private static final int MAX_VECTORS = 30_000;

  private final EmbeddingService embeddings;
  private final Cache<String, Embedding> texts =
      Caffeine.newBuilder().maximumSize(MAX_VECTORS / 2).build();
  private final Cache<String, List<Embedding>> sentences =
      Caffeine.newBuilder()
          .maximumWeight(MAX_VECTORS / 2)
          .<String, List<Embedding>>weigher((k, v) -> v.size() + 1)
          .build();

  VectorCache(EmbeddingService embeddings) {
    this.embeddings = embeddings;
  }

  /** The vector of a whole text (chunked if long). */
  public Embedding of(String text) {
    return texts.get(key(text), k -> embeddings.embed(text));
  }

  /** Vectors of many texts, embedding the missing ones in one batch. */
  public List<Embedding> ofAll(List<String> batch) {
    Map<String, Embedding> found = new HashMap<>(texts.getAllPresent(keys(batch)));
    List<String> missing =
        batch.stream().filter(t -> !found.containsKey(key(t))).distinct().toList();
    if (!missing.isEmpty()) {
      List<Embedding> vectors = embeddings.embedAll(missing);
      for (int i = 0; i < missing.size(); i++) {
        String k = key(missing.get(i));
        found.put(k, vectors.get(i));
        texts.put(k, vectors.get(i));
      }
    }
    return batch.stream().map(t -> found.get(key(t))).toList();
  }

  /**
   * The vectors of a text's sentences ({@link AnswerText#sentences}), in order; empty when the text
   * has none.
   */
  public List<Embedding> sentencesOf(String text) {
    return sentences.get(key(text), k -> embedSentences(text));
  }

  /** Sentence vectors of many texts, embedding every missing sentence in one batch. */
  public List<List<Embedding>> sentencesOfAll(List<String> batch) {
    Map<String, List<Embedding>> found = new HashMap<>(sentences.getAllPresent(keys(batch)));
    List<String> missing =
        batch.stream().filter(t -> !found.containsKey(key(t))).distinct().toList();
    if (!missing.isEmpty()) {
      List<String> all = new ArrayList<>();
      List<Integer> counts = new ArrayList<>();
      for (String text : missing) {
        List<String> parts = sentenceTexts(text);
        all.addAll(parts);
        counts.add(parts.size());
      }
      List<Embedding> vectors = all.isEmpty() ? List.of() : embeddings.embedAll(all);
      int next = 0;
      for (int i = 0; i < missing.size(); i++) {
        List<Embedding> own = List.copyOf(vectors.subList(next, next + counts.get(i)));
        next += counts.get(i);
        found.put(key(missing.get(i)), own);
        sentences.put(key(missing.get(i)), own);
      }
    }
    return batch.stream().map(t -> found.get(key(t))).toList();
  }

  private List<Embedding> embedSentences(String text) {
    List<String> parts = sentenceTexts(text);
    return parts.isEmpty() ? List.of() : List.copyOf(embeddings.embedAll(parts));
  }

  private static List<String> sentenceTexts(String text) {
    return AnswerText.sentences(text).stream()
        .map(AnswerText.Sentence::text)
        .filter(s -> !s.isBlank())
        .toList();
  }

  private List<String> keys(List<String> batch) {
    return batch.stream().map(this::key).toList();
  }

  private String key(String text) {
    return Hashing.sha256(embeddings.modelId() + "\n" + text);
  }
}

package dev.assay.grading;

import dev.assay.bank.CriterionSpec;
import dev.assay.bank.RubricSpec;
import dev.assay.embedding.Embedding;
import dev.assay.embedding.EmbeddingService;
import dev.assay.platform.Hashing;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Vectors of texts that change rarely (question prompts, rubric level descriptors), computed once
 * per content hash and kept in memory.
 */
@ApplicationScoped
class TextVectors {
  private final EmbeddingService embeddings;
  private final Map<String, Embedding> texts = new ConcurrentHashMap<>();
  private final Map<String, Map<String, LevelVectors>> rubrics = new ConcurrentHashMap<>();

  TextVectors(EmbeddingService embeddings) {
    this.embeddings = embeddings;
  }

  /** The strong / acceptable / weak descriptor vectors of one criterion. */
  record LevelVectors(Embedding strong, Embedding acceptable, Embedding weak) {}

  Embedding of(String text) {
    return texts.computeIfAbsent(
        Hashing.sha256(embeddings.modelId() + text), h -> embeddings.embed(text));
  }

  /** Descriptor vectors by criterion key, in rubric order. */
  Map<String, LevelVectors> levels(RubricSpec rubric) {
    String key = Hashing.sha256(embeddings.modelId() + rubric);
    return rubrics.computeIfAbsent(key, k -> embedLevels(rubric));
  }

  private Map<String, LevelVectors> embedLevels(RubricSpec rubric) {
    List<String> texts = new ArrayList<>();
    for (CriterionSpec c : rubric.criteria()) {
      texts.add(c.description() + " " + c.levels().strong());
      texts.add(c.description() + " " + c.levels().acceptable());
      texts.add(c.description() + " " + c.levels().weak());
    }
    List<Embedding> vectors = embeddings.embedAll(texts);
    Map<String, LevelVectors> out = new LinkedHashMap<>();
    for (int i = 0; i < rubric.criteria().size(); i++) {
      out.put(
          rubric.criteria().get(i).key(),
          new LevelVectors(vectors.get(3 * i), vectors.get(3 * i + 1), vectors.get(3 * i + 2)));
    }
    return out;
  }
}

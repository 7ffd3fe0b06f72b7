package dev.assay.grading;

import dev.assay.bank.CriterionSpec;
import dev.assay.bank.RubricSpec;
import dev.assay.embedding.Embedding;
import dev.assay.embedding.VectorCache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Vectors of a rubric's level descriptors and of other texts that change rarely, from the cache.
 */
@ApplicationScoped
class TextVectors {
  private final VectorCache cache;

  TextVectors(VectorCache cache) {
    this.cache = cache;
  }

  /** The strong / acceptable / weak descriptor vectors of one criterion. */
  record LevelVectors(Embedding strong, Embedding acceptable, Embedding weak) {}

  Embedding of(String text) {
    return cache.of(text);
  }

  List<Embedding> sentencesOf(String text) {
    return cache.sentencesOf(text);
  }

  /** Descriptor vectors by criterion key, in rubric order. */
  Map<String, LevelVectors> levels(RubricSpec rubric) {
    List<String> texts = new ArrayList<>();
    for (CriterionSpec c : rubric.criteria()) {
      texts.add(c.description() + " " + c.levels().strong());
      texts.add(c.description() + " " + c.levels().acceptable());
      texts.add(c.description() + " " + c.levels().weak());
    }
    List<Embedding> vectors = cache.ofAll(texts);
    Map<String, LevelVectors> out = new LinkedHashMap<>();
    for (int i = 0; i < rubric.criteria().size(); i++) {
      out.put(
          rubric.criteria().get(i).key(),
          new LevelVectors(vectors.get(3 * i), vectors.get(3 * i + 1), vectors.get(3 * i + 2)));
    }
    return out;
  }
}

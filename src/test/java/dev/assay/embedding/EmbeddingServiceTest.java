package dev.assay.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EmbeddingServiceTest {
  private static final String OPENING =
      "To choose between logistic regression and gradient boosting for fraud, I start from the constraints:"
          + " heavy class imbalance, a compliance team that must understand each decision, sparse merchant"
          + " features and a fifty millisecond scoring budget. ";

  @Inject EmbeddingService embeddings;

  @Test
  void vectorsAreUnitLengthWithTheModelDimension() {
    Embedding e = embeddings.embed("Calibrate the threshold on a temporal validation split.");
    assertEquals(384, e.vector().length);
    assertEquals(1.0, e.cosine(e), 1e-4);
    assertTrue(embeddings.modelId().startsWith("bge-small-en-v1.5-q@"));
  }

  @Test
  void theTailOfALongAnswerChangesItsVector() {
    // Both texts share an opening longer than the model's 512-token window; a truncating
    // embedder would give them the same vector.
    String opening = OPENING.repeat(11);
    Embedding a =
        embeddings.embed(
            opening
                + "Then I would deploy the boosted model behind a canary and watch drift. "
                    .repeat(8));
    Embedding b =
        embeddings.embed(
            opening
                + "Honestly I would just pick a deep neural network because it is the best. "
                    .repeat(8));
    assertTrue(a.chunks() > 1 && b.chunks() > 1);
    // bge similarities sit high (unrelated texts score 0.3-0.5); a truncated tail would give 1.0.
    assertTrue(a.cosine(b) < 0.995, "similarity " + a.cosine(b));
  }

  @Test
  void batchEmbeddingMatchesOneByOne() {
    List<String> texts =
        List.of("Use stratified splits.", OPENING.repeat(4), "Shadow deploy first.");
    List<Embedding> batch = embeddings.embedAll(texts);
    for (int i = 0; i < texts.size(); i++) {
      assertEquals(1.0, batch.get(i).cosine(embeddings.embed(texts.get(i))), 1e-4);
    }
  }
}

package dev.assay.exemplar;

import dev.assay.embedding.Embedding;
import dev.assay.embedding.EmbeddingService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Recomputes the vectors of exemplars embedded by another model (after a model change), in batches,
 * each batch committed on its own so a long run can be resumed.
 */
@ApplicationScoped
public class Reembedder {
  private static final Logger LOG = Logger.getLogger(Reembedder.class);
  private static final int BATCH = 64;

  private final ExemplarVectors repository;
  private final EmbeddingService embeddings;
  private final Event<ExemplarsReembedded> reembedded;

  Reembedder(
      ExemplarVectors repository,
      EmbeddingService embeddings,
      Event<ExemplarsReembedded> reembedded) {
    this.repository = repository;
    this.embeddings = embeddings;
    this.reembedded = reembedded;
  }

  /** Fired after a re-embedding that changed at least one vector. */
  public record ExemplarsReembedded(int count) {}

  /** How many vectors were recomputed, with which model, in how long. */
  public record Report(int reembedded, String embeddingModel, long durationMs) {}

  public Report reembedStale() {
    long start = System.nanoTime();
    int done = 0;
    while (true) {
      List<ExemplarVectors.Pending> batch =
          QuarkusTransaction.requiringNew()
              .call(() -> repository.staleEmbeddings(embeddings.modelId(), BATCH));
      if (batch.isEmpty()) {
        break;
      }
      List<Embedding> vectors =
          embeddings.embedAll(batch.stream().map(ExemplarVectors.Pending::text).toList());
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                for (int i = 0; i < batch.size(); i++) {
                  repository.setEmbedding(batch.get(i).id(), vectors.get(i), embeddings.modelId());
                }
              });
      done += batch.size();
    }
    if (done > 0) {
      reembedded.fire(new ExemplarsReembedded(done));
    }
    Report report = new Report(done, embeddings.modelId(), (System.nanoTime() - start) / 1_000_000);
    LOG.infof(
        "re-embedded exemplars=%d model=%s ms=%d",
        done, report.embeddingModel(), report.durationMs());
    return report;
  }
}

package dev.assay.embedding;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The service's embedding model ({@link EmbeddingModelChoice}: bge-small-en-v1.5 by default,
 * quantised ONNX shipped in its Maven artifact), loaded at start-up, timed, and reported to
 * readiness. Texts longer than the model's window are chunked (see {@link Embedder}).
 */
@Startup
@ApplicationScoped
public class EmbeddingService {
  private static final Logger LOG = Logger.getLogger(EmbeddingService.class);

  private final EmbeddingModelChoice choice;
  private final Embedder embedder;
  private final Timer timer;
  private volatile boolean ready;

  EmbeddingService(EmbeddingConfig config, MeterRegistry registry) {
    long start = System.nanoTime();
    this.choice = EmbeddingModelChoice.of(config.model());
    this.embedder =
        new Embedder(
            choice,
            config.maxChunkTokens().orElse(choice.maxChunkTokens),
            config.batchSize(),
            config.threads());
    this.timer =
        Timer.builder("assay.embedding.duration")
            .description("Time to embed one text, all chunks included")
            .publishPercentiles(0.5, 0.95)
            .register(registry);
    embed("warm-up");
    ready = true;
    LOG.infof(
        "embedding model ready model=%s dimension=%d loadMs=%d",
        modelId(), dimension(), (System.nanoTime() - start) / 1_000_000);
  }

  /** Which shipped model embeds (its {@link EmbeddingModelChoice#key()} names the prior). */
  public EmbeddingModelChoice choice() {
    return choice;
  }

  /** Stable id of the model, stored beside every vector so stale vectors can be found. */
  public String modelId() {
    return embedder.modelId();
  }

  public int dimension() {
    return embedder.dimension();
  }

  TextChunker chunker() {
    return embedder.chunker();
  }

  public boolean ready() {
    return ready;
  }

  /** Embeds one text (chunked if long). The text must contain a non-blank character. */
  public Embedding embed(String text) {
    return embedAll(List.of(text)).get(0);
  }

  /** Embeds many texts, sending their chunks to the model in batches. */
  public List<Embedding> embedAll(List<String> texts) {
    Timer.Sample sample = Timer.start();
    List<Embedding> out = embedder.embedAll(texts);
    long nanos = sample.stop(timer);
    if (texts.size() > 1) {
      LOG.debugf("embedded texts=%d ms=%d", texts.size(), nanos / 1_000_000);
    }
    return out;
  }
}

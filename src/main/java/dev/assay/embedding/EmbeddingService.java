package dev.assay.embedding;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.interceptor.Interceptor;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;

/**
 * The service's embedding model ({@link EmbeddingModelChoice}: bge-small-en-v1.5 by default,
 * quantised ONNX shipped in its Maven artifact), loaded at start-up, timed, and reported to
 * readiness. Texts longer than the model's window are chunked (see {@link Embedder}).
 *
 * <p>Loading the model (ONNX Runtime's native library, the model file, the tokenizer and a warm-up
 * text: 2-3 s) is the longest single step of a start, and nothing else of the start needs its
 * vectors unless the bank changed; it runs on a thread of its own beside the rest of the start, and
 * readiness ({@link EmbeddingReadiness}) stays down until it has embedded the warm-up text. A call
 * before then waits for the load. A model that cannot load stops the service, as it did when it
 * loaded on the main thread. A service started by {@code main} usually finds the model already
 * loaded by {@link EarlyModelLoad}, which began before Quarkus did.
 */
@Startup(Interceptor.Priority.PLATFORM_BEFORE)
@ApplicationScoped
public class EmbeddingService {
  private static final Logger LOG = Logger.getLogger(EmbeddingService.class);

  private final EmbeddingModelChoice choice;
  private final String modelId;
  private final Timer timer;
  private final CompletableFuture<Embedder> loaded = new CompletableFuture<>();

  EmbeddingService(EmbeddingConfig config, MeterRegistry registry) {
    this.choice = EmbeddingModelChoice.of(config.model());
    this.modelId = Embedder.modelId(choice);
    this.timer =
        Timer.builder("assay.embedding.duration")
            .description("Time to embed one text, all chunks included")
            .publishPercentiles(0.5, 0.95)
            .register(registry);
    EarlyModelLoad.Settings settings =
        new EarlyModelLoad.Settings(
            choice,
            config.maxChunkTokens().orElse(choice.maxChunkTokens),
            config.batchSize(),
            config.threads());
    Thread.ofPlatform().daemon().name("assay-embedding-load").start(() -> load(settings));
    if (!config.loadBesideStart()) {
      embedder();
    }
  }

  private void load(EarlyModelLoad.Settings settings) {
    long start = System.nanoTime();
    try {
      Optional<Embedder> early = EarlyModelLoad.take(settings);
      Embedder embedder = early.orElseGet(() -> open(settings));
      embedder.embedAll(List.of("warm-up"));
      loaded.complete(embedder);
      LOG.infof(
          "embedding model ready model=%s dimension=%d loadedEarly=%s loadMs=%d",
          modelId,
          embedder.dimension(),
          early.isPresent(),
          (System.nanoTime() - start) / 1_000_000);
    } catch (RuntimeException | Error e) {
      loaded.completeExceptionally(e);
      LOG.errorf(e, "the embedding model %s cannot load: stopping", modelId);
      Quarkus.asyncExit(1);
    }
  }

  /** A model with these settings, loaded now. */
  static Embedder open(EarlyModelLoad.Settings s) {
    return new Embedder(s.choice(), s.maxChunkTokens(), s.batchSize(), s.threads());
  }

  /** The loaded model; waits for the load a start began. */
  private Embedder embedder() {
    try {
      return loaded.join();
    } catch (CompletionException e) {
      throw new IllegalStateException("the embedding model did not load", e.getCause());
    }
  }

  /** Which shipped model embeds (its {@link EmbeddingModelChoice#key()} names the prior). */
  public EmbeddingModelChoice choice() {
    return choice;
  }

  /** Stable id of the model, stored beside every vector so stale vectors can be found. */
  public String modelId() {
    return modelId;
  }

  public int dimension() {
    return embedder().dimension();
  }

  TextChunker chunker() {
    return embedder().chunker();
  }

  /** Whether the model has loaded and embedded its warm-up text (never blocks). */
  public boolean ready() {
    return loaded.isDone() && !loaded.isCompletedExceptionally();
  }

  /** Embeds one text (chunked if long). The text must contain a non-blank character. */
  public Embedding embed(String text) {
    return embedAll(List.of(text)).get(0);
  }

  /** Embeds many texts, sending their chunks to the model in batches. */
  public List<Embedding> embedAll(List<String> texts) {
    Timer.Sample sample = Timer.start();
    List<Embedding> out = embedder().embedAll(texts);
    long nanos = sample.stop(timer);
    if (texts.size() > 1) {
      LOG.debugf("embedded texts=%d ms=%d", texts.size(), nanos / 1_000_000);
    }
    return out;
  }
}

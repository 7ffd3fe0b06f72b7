package dev.assay.embedding;

import ai.djl.huggingface.tokenizers.jni.LibUtils;
import ai.onnxruntime.OrtEnvironment;
import io.smallrye.config.WithDefault;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Loads the embedding model from the first line of {@code main}, on a thread of its own, while
 * Quarkus starts: the container makes {@link EmbeddingService} only near the end of the start, and
 * the model's load (2-3 s: native libraries, the model file, the tokenizer) was the last thing a
 * start waited for. Before Quarkus starts there is no configuration to read, so the model is loaded
 * with {@link EmbeddingConfig}'s defaults, and only when the process's environment and system
 * properties set nothing under {@code assay.embedding}; otherwise only the two native libraries
 * (ONNX Runtime and the tokenizer), which every setting needs, are loaded early. {@link
 * EmbeddingService} takes the early model only when its configured settings are the defaults (a
 * setting from a configuration file, which this cannot see, makes it load its own); a failure here
 * is left for that load to meet and report.
 */
public final class EarlyModelLoad {
  private static final Logger LOG = Logger.getLogger(EarlyModelLoad.class);
  private static final CompletableFuture<Optional<Loaded>> LOADED = new CompletableFuture<>();
  private static boolean started;

  /** The early model is handed out (or closed) once: to the service's one load. */
  private static final AtomicBoolean TAKEN = new AtomicBoolean();

  /** The settings a model was loaded with; the service compares its own configuration. */
  record Settings(EmbeddingModelChoice choice, int maxChunkTokens, int batchSize, int threads) {}

  record Loaded(Settings settings, Embedder embedder) {}

  private EarlyModelLoad() {}

  /** Starts the early load (once). */
  public static synchronized void start() {
    if (started) {
      return;
    }
    started = true;
    Optional<Settings> defaults = overridden() ? Optional.empty() : Optional.of(defaults());
    Thread.ofPlatform()
        .daemon()
        .name("assay-embedding-early")
        .start(
            () -> {
              try {
                OrtEnvironment.getEnvironment();
                LibUtils.checkStatus();
                LOADED.complete(defaults.map(s -> new Loaded(s, EmbeddingService.open(s))));
              } catch (RuntimeException | Error e) {
                LOG.debugf(e, "the early model load failed; the service loads the model itself");
                LOADED.complete(Optional.empty());
              }
            });
  }

  /**
   * The early model if it was loaded with {@code wanted}, to the first caller only; waits for an
   * early load that was started (so the service's own load never unpacks a native library at the
   * same time).
   */
  static Optional<Embedder> take(Settings wanted) {
    synchronized (EarlyModelLoad.class) {
      if (!started) {
        return Optional.empty();
      }
    }
    Optional<Loaded> loaded;
    try {
      loaded = LOADED.join();
    } catch (CompletionException e) {
      return Optional.empty();
    }
    return loaded.filter(l -> TAKEN.compareAndSet(false, true)).flatMap(l -> claim(l, wanted));
  }

  /**
   * The early model when it has the wanted settings; otherwise it is closed, so a deployment
   * configured otherwise does not keep a second model's native memory.
   */
  static Optional<Embedder> claim(Loaded loaded, Settings wanted) {
    if (loaded.settings().equals(wanted)) {
      return Optional.of(loaded.embedder());
    }
    loaded.embedder().close();
    return Optional.empty();
  }

  static boolean overridden() {
    return System.getenv().keySet().stream().anyMatch(k -> k.startsWith("ASSAY_EMBEDDING_"))
        || System.getProperties().stringPropertyNames().stream()
            .anyMatch(k -> k.startsWith("assay.embedding."));
  }

  /** {@link EmbeddingConfig}'s defaults, read from its annotations so they are stated once. */
  static Settings defaults() {
    EmbeddingModelChoice choice = EmbeddingModelChoice.of(defaultOf("model"));
    return new Settings(
        choice,
        choice.maxChunkTokens,
        Integer.parseInt(defaultOf("batchSize")),
        Integer.parseInt(defaultOf("threads")));
  }

  private static String defaultOf(String setting) {
    try {
      return EmbeddingConfig.class.getMethod(setting).getAnnotation(WithDefault.class).value();
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("EmbeddingConfig has no " + setting, e);
    }
  }
}

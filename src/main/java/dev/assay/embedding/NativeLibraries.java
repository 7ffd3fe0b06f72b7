package dev.assay.embedding;

import ai.djl.huggingface.tokenizers.jni.LibUtils;
import ai.onnxruntime.OrtEnvironment;
import java.util.concurrent.CompletableFuture;

/**
 * The embedding model's two native libraries (ONNX Runtime and the tokenizer), loaded on a thread
 * of their own from the first line of {@code main}, before Quarkus starts: they are the part of the
 * model's load (0.6-0.8 s of 2-3 s) that needs no configuration, and the model's own load can only
 * begin once the container has made {@link EmbeddingService}, near the end of the start. Whatever
 * goes wrong here is left for that load to report.
 */
public final class NativeLibraries {
  private static final CompletableFuture<Void> LOADED = new CompletableFuture<>();
  private static volatile boolean started;

  private NativeLibraries() {}

  /** Starts loading both libraries in the background (once). */
  public static synchronized void loadInBackground() {
    if (started) {
      return;
    }
    started = true;
    Thread.ofPlatform()
        .daemon()
        .name("assay-native-load")
        .start(
            () -> {
              try {
                OrtEnvironment.getEnvironment();
                LibUtils.checkStatus();
              } catch (RuntimeException | Error e) {
                // the model's load meets the same failure and reports it
              } finally {
                LOADED.complete(null);
              }
            });
  }

  /**
   * Waits for a background load that was started, so the model's load never unpacks and loads a
   * library at the same time; returns at once when none was.
   */
  static void awaitBackgroundLoad() {
    if (started) {
      LOADED.join();
    }
  }
}

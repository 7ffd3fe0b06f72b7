package dev.assay.embedding;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the in-process embedding model. */
@ConfigMapping(prefix = "assay.embedding")
interface EmbeddingConfig {
  /** The shipped embedding model: {@code bge-small-en-v1.5-q} or {@code all-minilm-l6-v2}. */
  @WithDefault("bge-small-en-v1.5-q")
  String model();

  /**
   * Word-piece budget of one chunk, excluding [CLS]/[SEP]; at most the model's own (500 of bge's
   * 512-token window, 120 of MiniLM's 128), so long texts are split rather than truncated.
   */
  java.util.Optional<Integer> maxChunkTokens();

  /** How many chunks go to the model in one call during bulk embedding. */
  @WithDefault("32")
  int batchSize();

  /**
   * ONNX Runtime threads per model call. One suits a server: requests in flight already keep every
   * core busy, and more threads per call only wait for each other (docs/performance.md).
   */
  @WithDefault("1")
  int threads();

  /**
   * Load the model beside the rest of the start, readiness down until it has loaded (true), or
   * before the start goes on (false: the test profile, whose tests expect a started service to be
   * ready at once).
   */
  @WithDefault("true")
  boolean loadBesideStart();
}

package dev.assay.embedding;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the in-process embedding model. */
@ConfigMapping(prefix = "assay.embedding")
interface EmbeddingConfig {
  /**
   * Word-piece budget of one chunk, excluding [CLS]/[SEP]. The model's tokenizer cuts input at 128
   * tokens, so chunks stay below that and long texts are split rather than truncated.
   */
  @WithDefault("120")
  int maxChunkTokens();

  /** How many chunks go to the model in one call during bulk embedding. */
  @WithDefault("32")
  int batchSize();
}

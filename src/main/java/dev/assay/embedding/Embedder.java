package dev.assay.embedding;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.langchain4j.data.segment.TextSegment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One shipped embedding model with its tokenizer: texts longer than the model's window are chunked
 * and the chunk vectors averaged, weighted by their token counts, so no part of a text is silently
 * dropped. {@link EmbeddingService} is the service's own; a component whose thresholds were
 * measured on one model (the manipulation detector) keeps an embedder of that model.
 */
public final class Embedder implements AutoCloseable {
  private final OnnxModel model;
  private final TextChunker chunker;
  private final String modelId;
  private final int batchSize;

  public Embedder(EmbeddingModelChoice choice, int maxChunkTokens, int batchSize, int threads) {
    this.model = new OnnxModel(choice, threads);
    this.chunker =
        new TextChunker(loadTokenizer(choice), Math.min(choice.maxChunkTokens, maxChunkTokens));
    this.modelId = modelId(choice);
    this.batchSize = batchSize;
  }

  /** A model's embedder with its own chunk budget, one ONNX Runtime thread per call. */
  public static Embedder of(EmbeddingModelChoice choice) {
    return new Embedder(choice, choice.maxChunkTokens, 32, 1);
  }

  /** Frees the model's ONNX Runtime session (native memory); the embedder is unusable after. */
  @Override
  public void close() {
    model.close();
  }

  public String modelId() {
    return modelId;
  }

  /** The id stored beside a vector of {@code choice}: its key and its artifact's version. */
  static String modelId(EmbeddingModelChoice choice) {
    return choice.key + "@" + artifactVersion(choice);
  }

  public int dimension() {
    return model.dimension();
  }

  TextChunker chunker() {
    return chunker;
  }

  /** Embeds many texts (each with a non-blank character), their chunks in batches. */
  public List<Embedding> embedAll(List<String> texts) {
    List<List<TextChunker.Chunk>> chunked = new ArrayList<>(texts.size());
    List<TextSegment> segments = new ArrayList<>();
    for (String text : texts) {
      List<TextChunker.Chunk> chunks = chunker.chunk(text);
      if (chunks.isEmpty()) {
        throw new IllegalArgumentException("cannot embed a blank text");
      }
      chunked.add(chunks);
      chunks.forEach(c -> segments.add(TextSegment.from(c.text())));
    }
    List<float[]> vectors = new ArrayList<>(segments.size());
    for (int from = 0; from < segments.size(); from += batchSize) {
      List<TextSegment> batch = segments.subList(from, Math.min(segments.size(), from + batchSize));
      model.embedAll(batch).content().forEach(e -> vectors.add(e.vector()));
    }
    List<Embedding> out = new ArrayList<>(texts.size());
    int next = 0;
    for (List<TextChunker.Chunk> chunks : chunked) {
      out.add(average(chunks, vectors.subList(next, next + chunks.size())));
      next += chunks.size();
    }
    return out;
  }

  /** Token-weighted mean of the chunk vectors, normalised to unit length. */
  private static Embedding average(List<TextChunker.Chunk> chunks, List<float[]> vectors) {
    int dim = vectors.get(0).length;
    double[] sum = new double[dim];
    int tokens = 0;
    for (int i = 0; i < chunks.size(); i++) {
      int weight = chunks.get(i).tokens();
      tokens += weight;
      float[] v = vectors.get(i);
      for (int d = 0; d < dim; d++) {
        sum[d] += weight * v[d];
      }
    }
    double norm = 0;
    for (double x : sum) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    float[] unit = new float[dim];
    for (int d = 0; d < dim; d++) {
      unit[d] = (float) (sum[d] / norm);
    }
    return new Embedding(unit, chunks.size(), tokens);
  }

  private static HuggingFaceTokenizer loadTokenizer(EmbeddingModelChoice choice) {
    try (InputStream in = choice.getClass().getResourceAsStream(choice.tokenizer)) {
      return HuggingFaceTokenizer.newInstance(
          in, Map.of("truncation", "false", "padding", "false"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the embedding tokenizer", e);
    }
  }

  private static String artifactVersion(EmbeddingModelChoice choice) {
    String path = "/META-INF/maven/dev.langchain4j/" + choice.artifact + "/pom.properties";
    try (InputStream in = choice.getClass().getResourceAsStream(path)) {
      Properties props = new Properties();
      if (in != null) {
        props.load(in);
      }
      return props.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}

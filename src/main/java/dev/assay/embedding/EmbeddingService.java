package dev.assay.embedding;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jboss.logging.Logger;

/**
 * The in-process embedding model ({@link EmbeddingModelChoice}: bge-small-en-v1.5 by default,
 * quantised ONNX shipped in its Maven artifact). Texts longer than the model's window are chunked
 * and the chunk vectors averaged, weighted by their token counts, so no part of an answer is
 * silently dropped.
 */
@Startup
@ApplicationScoped
public class EmbeddingService {
  private static final Logger LOG = Logger.getLogger(EmbeddingService.class);
  private final EmbeddingModelChoice choice;
  private final AbstractInProcessEmbeddingModel model;
  private final TextChunker chunker;
  private final EmbeddingConfig config;
  private final Timer timer;
  private final String modelId;
  private volatile boolean ready;

  EmbeddingService(EmbeddingConfig config, MeterRegistry registry) {
    this.config = config;
    long start = System.nanoTime();
    this.choice = EmbeddingModelChoice.of(config.model());
    this.model = choice.load.get();
    this.chunker =
        new TextChunker(
            loadTokenizer(choice),
            Math.min(choice.maxChunkTokens, config.maxChunkTokens().orElse(choice.maxChunkTokens)));
    this.modelId = choice.key + "@" + artifactVersion(choice);
    this.timer =
        Timer.builder("assay.embedding.duration")
            .description("Time to embed one text, all chunks included")
            .publishPercentiles(0.5, 0.95)
            .register(registry);
    embed("warm-up");
    ready = true;
    LOG.infof(
        "embedding model ready model=%s dimension=%d loadMs=%d",
        modelId, dimension(), (System.nanoTime() - start) / 1_000_000);
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
    return model.dimension();
  }

  TextChunker chunker() {
    return chunker;
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
    for (int from = 0; from < segments.size(); from += config.batchSize()) {
      List<TextSegment> batch =
          segments.subList(from, Math.min(segments.size(), from + config.batchSize()));
      model.embedAll(batch).content().forEach(e -> vectors.add(e.vector()));
    }
    List<Embedding> out = new ArrayList<>(texts.size());
    int next = 0;
    for (List<TextChunker.Chunk> chunks : chunked) {
      out.add(average(chunks, vectors.subList(next, next + chunks.size())));
      next += chunks.size();
    }
    long nanos = sample.stop(timer);
    if (texts.size() > 1) {
      LOG.debugf(
          "embedded texts=%d chunks=%d ms=%d", texts.size(), segments.size(), nanos / 1_000_000);
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

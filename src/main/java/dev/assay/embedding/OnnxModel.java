package dev.assay.embedding;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A shipped ONNX model run the way a server with concurrent requests wants it (measured in
 * docs/performance.md): each call runs on the caller's thread with one ONNX Runtime thread that
 * sleeps rather than spins between operators. LangChain4j's own model classes hand the texts of one
 * call to a pool of one thread per core and let ONNX Runtime start a spinning thread per core for
 * every session; with many requests in flight on two cores those threads queue behind each other
 * and burn CPU waiting, so the service graded at a third of the rate at which it could embed.
 */
final class OnnxModel extends AbstractInProcessEmbeddingModel implements AutoCloseable {
  private final OrtSession session;
  private final OnnxBertBiEncoder encoder;

  OnnxModel(EmbeddingModelChoice choice, int threads) {
    super(Runnable::run);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (InputStream model = resource(choice.onnx);
        InputStream tokenizer = resource(choice.tokenizer);
        OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      options.addConfigEntry("session.inter_op.allow_spinning", "0");
      this.session = env.createSession(model.readAllBytes(), options);
      this.encoder = new OnnxBertBiEncoder(env, session, tokenizer, choice.pooling);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the embedding model " + choice.onnx, e);
    } catch (OrtException e) {
      throw new IllegalStateException("cannot load the embedding model " + choice.onnx, e);
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("cannot close the embedding model's session", e);
    }
  }

  @Override
  protected OnnxBertBiEncoder model() {
    return encoder;
  }

  private static InputStream resource(String name) {
    InputStream in = OnnxModel.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(name + " is missing from the build");
    }
    return in;
  }
}

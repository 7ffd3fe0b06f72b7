package dev.assay.embedding;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the embedding model has loaded and embedded a warm-up text (it loads beside the
 * start).
 */
@Readiness
@ApplicationScoped
class EmbeddingReadiness implements HealthCheck {
  private final EmbeddingService embeddings;

  EmbeddingReadiness(EmbeddingService embeddings) {
    this.embeddings = embeddings;
  }

  @Override
  public HealthCheckResponse call() {
    boolean ready = embeddings.ready();
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("embedding-model")
            .status(ready)
            .withData("model", embeddings.modelId());
    // The dimension is the loaded model's: asked before then, it would wait for the load.
    return ready
        ? response.withData("dimension", embeddings.dimension()).build()
        : response.build();
  }
}

package dev.assay.embedding;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the embedding model has loaded and embedded a warm-up text. */
@Readiness
@ApplicationScoped
class EmbeddingReadiness implements HealthCheck {
  private final EmbeddingService embeddings;

  EmbeddingReadiness(EmbeddingService embeddings) {
    this.embeddings = embeddings;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("embedding-model")
        .status(embeddings.ready())
        .withData("model", embeddings.modelId())
        .withData("dimension", embeddings.dimension())
        .build();
  }
}

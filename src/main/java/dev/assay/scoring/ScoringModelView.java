package dev.assay.scoring;

import java.time.OffsetDateTime;

/** A stored scoring model version as the API shows it. */
public record ScoringModelView(
    int version,
    String hash,
    String kind,
    boolean active,
    ScoringModel.Training training,
    String embeddingModel,
    String featureSet,
    OffsetDateTime createdAt) {

  static ScoringModelView of(ScoringModelRepository.Stored s, boolean active) {
    return new ScoringModelView(
        s.version(),
        s.modelHash(),
        s.model().kind(),
        active,
        s.model().training(),
        s.model().embeddingModel(),
        s.model().featureSet(),
        s.createdAt());
  }
}

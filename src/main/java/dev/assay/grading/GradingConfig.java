package dev.assay.grading;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the grading pipeline; thresholds are cosine similarities of unit vectors. */
@ConfigMapping(prefix = "assay.grading")
interface GradingConfig {
  /** Exemplars retrieved per label (strong, acceptable, weak). */
  @WithDefault("3")
  int exemplarsPerLabel();

  /** Answers with fewer words are flagged {@code too-short}. */
  @WithDefault("8")
  int minWords();

  /** Off-topic when the answer is below both this similarity to the question... */
  @WithDefault("0.15")
  double offTopicQuestionSimilarity();

  /** ...and this similarity to every exemplar of the question. */
  @WithDefault("0.30")
  double offTopicExemplarSimilarity();

  /** At or above this similarity to the question text the answer is a copy of the question. */
  @WithDefault("0.90")
  double questionCopySimilarity();

  /** At or above this similarity to an exemplar the answer may be a leaked reference answer. */
  @WithDefault("0.95")
  double exemplarCopySimilarity();

  /** At or above this similarity to another candidate's answer it is a near-duplicate. */
  @WithDefault("0.95")
  double duplicateSimilarity();

  /** Confidence is multiplied by this for each flag that questions the answer itself. */
  @WithDefault("0.6")
  double flaggedConfidenceFactor();

  /**
   * Share of live grades the shadow configuration grades again (chosen by grade id, so the sample
   * is random and repeatable). A shadow grade takes as much CPU as the live one.
   */
  @WithDefault("1.0")
  double shadowRate();

  /**
   * In LLM mode, an answer nobody suspected whose LLM grade is at least this share of the scale
   * above the offline grade is capped at the offline grade and flagged {@code
   * llm-offline-divergence} (docs/manipulation.md).
   */
  @WithDefault("0.5")
  double llmDivergence();

  /**
   * Subtracted (as a share of the scale) from every criterion of a grade suspected of manipulation,
   * after the lowest of the graders' scores is taken: what the detector could not cut out of the
   * answer must not lift it above an honest version (docs/manipulation.md).
   */
  @WithDefault("0.05")
  double manipulationMargin();

  /**
   * Reuse the stored grade for the same normalised answer under the same rubric, prompt and model.
   */
  @WithDefault("true")
  boolean dedup();
}

package dev.assay.grading;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * How a grade is made: the grader ({@code offline} or {@code llm}), the model and prompt version
 * the LLM grader uses, exemplars retrieved per label ({@code k}), self-consistency samples and
 * temperature, and what the grader is shown of the retrieved exemplars: {@code retrieved} (as
 * stored), {@code none} (an ablation: rubric only) or {@code shuffled} (an ablation: the same texts
 * with their labels and scores permuted). Screening always sees the real neighbours. {@code scorer}
 * (offline only) is {@code learned} (the default: the workspace's learned scoring model, {@code
 * scorerModel} pins one of its versions, else the workspace's current one) or {@code knn} (the
 * similarity-weighted nearest-neighbour grader of earlier releases, kept for comparison); {@code
 * lexicalWeight} (knn only, default 0) shifts its neighbour weights from embedding similarity
 * towards shared words.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GraderSpec(
    @Pattern(regexp = "offline|llm", message = "must be offline or llm") String mode,
    @Size(max = 200) String model,
    @Pattern(regexp = "v[0-9]+", message = "must look like v1") String promptVersion,
    @Min(1) @Max(10) Integer k,
    @Min(1) @Max(9) Integer samples,
    @DecimalMin("0") @DecimalMax("2") Double temperature,
    @Pattern(regexp = "retrieved|none|shuffled", message = "must be retrieved, none or shuffled")
        String exemplars,
    @DecimalMin("0") @DecimalMax("1") Double lexicalWeight,
    @Pattern(regexp = "learned|knn", message = "must be learned or knn") String scorer,
    @Min(1) Integer scorerModel) {

  public static final String OFFLINE = "offline";
  public static final String LLM = "llm";
  public static final String LEARNED = "learned";
  public static final String KNN = "knn";

  /** Fills what the request left out from {@code defaults}; offline specs carry no LLM fields. */
  public GraderSpec completedFrom(GraderSpec defaults) {
    String m = mode == null ? defaults.mode : mode;
    boolean llm = LLM.equals(m);
    boolean knn =
        KNN.equals(scorer) || (scorer == null && lexicalWeight != null && lexicalWeight > 0);
    return new GraderSpec(
        m,
        llm ? (model == null ? defaults.model : model) : null,
        llm ? (promptVersion == null ? defaults.promptVersion : promptVersion) : null,
        k == null ? defaults.k : k,
        llm ? (samples == null ? defaults.samples : samples) : null,
        llm ? (temperature == null ? defaults.temperature : temperature) : null,
        exemplars == null ? defaults.exemplars : exemplars,
        llm || !knn || lexicalWeight == null || lexicalWeight == 0 ? null : lexicalWeight,
        llm ? null : (knn ? KNN : LEARNED),
        llm || knn ? null : scorerModel);
  }

  /** The same configuration showing the grader its exemplars differently (for ablations). */
  public GraderSpec withExemplars(String shown) {
    return new GraderSpec(
        mode,
        model,
        promptVersion,
        k,
        samples,
        temperature,
        shown,
        lexicalWeight,
        scorer,
        scorerModel);
  }

  /** The same configuration pinned to version {@code version} of the workspace's scoring model. */
  public GraderSpec withScorerModel(Integer version) {
    return new GraderSpec(
        mode,
        model,
        promptVersion,
        k,
        samples,
        temperature,
        exemplars,
        lexicalWeight,
        scorer,
        version);
  }

  /**
   * Whether the offline grader is the earlier nearest-neighbour one (stored configurations from
   * before the learned scorer name only a lexical weight, or nothing).
   */
  public boolean knn() {
    return KNN.equals(scorer) || (scorer == null && lexical() > 0);
  }

  /** The offline grader's weight on shared words (0 unless set). */
  public double lexical() {
    return lexicalWeight == null ? 0 : lexicalWeight;
  }

  public boolean llm() {
    return LLM.equals(mode);
  }

  /** A short human-readable description, e.g. {@code llm gpt-4o-mini prompt v1 k3 x1 t0.0}. */
  public String describe() {
    String shown = "retrieved".equals(exemplars) ? "" : " exemplars:" + exemplars;
    return llm()
        ? String.format(
            "llm %s prompt %s k%d x%d t%.1f%s",
            model, promptVersion, k, samples, temperature, shown)
        : String.format(
            "offline %s k%d%s%s",
            knn() ? "knn" + (lexical() > 0 ? " lexical " + lexical() : "") : "learned",
            k,
            scorerModel == null ? "" : " model v" + scorerModel,
            shown);
  }
}

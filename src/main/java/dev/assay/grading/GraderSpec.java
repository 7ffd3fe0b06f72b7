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
 * with their labels and scores permuted). Screening always sees the real neighbours. {@code
 * lexicalWeight} (offline only, default 0) shifts the offline grader's neighbour weights from
 * embedding similarity towards shared words (see {@link OfflineGrader}).
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
    @DecimalMin("0") @DecimalMax("1") Double lexicalWeight) {

  public static final String OFFLINE = "offline";
  public static final String LLM = "llm";

  /** Fills what the request left out from {@code defaults}; offline specs carry no LLM fields. */
  public GraderSpec completedFrom(GraderSpec defaults) {
    String m = mode == null ? defaults.mode : mode;
    boolean llm = LLM.equals(m);
    return new GraderSpec(
        m,
        llm ? (model == null ? defaults.model : model) : null,
        llm ? (promptVersion == null ? defaults.promptVersion : promptVersion) : null,
        k == null ? defaults.k : k,
        llm ? (samples == null ? defaults.samples : samples) : null,
        llm ? (temperature == null ? defaults.temperature : temperature) : null,
        exemplars == null ? defaults.exemplars : exemplars,
        llm || lexicalWeight == null || lexicalWeight == 0 ? null : lexicalWeight);
  }

  /** The same configuration showing the grader its exemplars differently (for ablations). */
  public GraderSpec withExemplars(String shown) {
    return new GraderSpec(
        mode, model, promptVersion, k, samples, temperature, shown, lexicalWeight);
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
        : String.format("offline k%d%s%s", k, lexical() > 0 ? " lexical " + lexical() : "", shown);
  }
}

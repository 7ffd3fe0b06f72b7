package dev.assay.grading;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Where a grade came from: the rubric version, configuration, grader and models that made it, the
 * exemplars retrieved for it (and which of them the LLM's prompt showed), the LLM's prompt and
 * calls, the screening measurements, and the time each stage took. Absent parts are left out (an
 * offline grade has no prompt). Stored with the grade and returned as it was stored; older grades
 * may lack parts added later (and carry parts since dropped, which reading ignores).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Where a grade came from: configuration, grader, models, exemplars, timings")
public record Provenance(
    int rubricVersion,
    ConfigRef graderConfig,
    @Schema(description = "llm, or the offline grader's version and model") String grader,
    @Schema(description = "the learned scoring model (offline grades)") ModelVersion scoringModel,
    String embeddingModel,
    List<ExemplarShown> exemplars,
    @Schema(
            description =
                "ids of the exemplars the LLM's prompt showed, the prompt budget's pick from"
                    + " exemplars (LLM grades)")
        List<String> exemplarsShown,
    @Schema(description = "the prompt file (LLM grades)") PromptRef prompt,
    @Schema(description = "the LLM and its parameters (LLM grades)") LlmModel model,
    @Schema(description = "every LLM call, repairs included (LLM grades)")
        List<LlmAttempt> llmAttempts,
    Tokens tokens,
    ScreeningEvidence screening,
    @Schema(description = "the grader's own confidence, before flags lowered it")
        Double graderConfidence,
    @Schema(description = "the grade whose scores were reused for the same answer")
        String reusedFrom,
    @Schema(description = "milliseconds per grading stage and in total")
        Map<String, Long> latencyMs,
    @Schema(description = "what the manipulation policy measured, when it acted")
        PolicyEvidence manipulationPolicy) {

  /** The same provenance with other stage times (the response adds the time taken to log it). */
  Provenance withLatencyMs(Map<String, Long> latency) {
    return new Provenance(
        rubricVersion,
        graderConfig,
        grader,
        scoringModel,
        embeddingModel,
        exemplars,
        exemplarsShown,
        prompt,
        model,
        llmAttempts,
        tokens,
        screening,
        graderConfidence,
        reusedFrom,
        latency,
        manipulationPolicy);
  }

  /** LLM input tokens (0 for offline grades and grades stored without counts). */
  long inputTokens() {
    return tokens == null ? 0 : tokens.input();
  }

  /** LLM output tokens (0 for offline grades and grades stored without counts). */
  long outputTokens() {
    return tokens == null ? 0 : tokens.output();
  }

  /** The configuration that made the grade. */
  public record ConfigRef(String name, int version, String specHash, GraderSpec spec) {}

  /** A version of the learned scoring model. */
  public record ModelVersion(String ref, String hash, String kind) {}

  /** An exemplar the grader was shown, with its cosine similarity to the answer. */
  public record ExemplarShown(String id, String label, double score, double similarity) {}

  /** A prompt file: id, version and the SHA-256 of its text. */
  public record PromptRef(String id, String version, String hash) {}

  /** The LLM that graded and the parameters it was called with. */
  public record LlmModel(String name, LlmParameters parameters) {}

  /** The parameters of the LLM calls; null where the configuration leaves them to the model. */
  public record LlmParameters(
      Double temperature,
      Integer samples,
      int maxOutputTokens,
      long deadlineMs,
      String responseFormat) {}

  /** One call: a first grading call or a repair, its tokens, latency and what was wrong with it. */
  public record LlmAttempt(
      int sample,
      String kind,
      int inputTokens,
      int outputTokens,
      long latencyMs,
      List<String> violations,
      String error) {}

  /**
   * LLM tokens used, in and out, as the provider reported them over all calls; {@code prompt} is
   * the grading prompt counted locally with {@code encoding} (null without an LLM call).
   */
  public record Tokens(long input, long output, Integer prompt, String encoding) {}

  /** What screening measured, so a reviewer can see why a flag was raised. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ScreeningEvidence(
      int words,
      double questionSimilarity,
      double maxExemplarSimilarity,
      String nearestExemplar,
      String nearestOtherGrade,
      Double nearestOtherSimilarity,
      ContentFloorEvidence contentFloor,
      List<String> injection,
      List<ManipulationFinding> manipulation) {}

  /** Why the content floor capped the answer. */
  public record ContentFloorEvidence(String reason, String explanation) {}

  /** One finding of the manipulation detector. */
  public record ManipulationFinding(String category, String source, String evidence) {}

  /**
   * What the manipulation policy measured (scores on the rubric's scale): for a suspected answer
   * the words left once suspect spans are cut and the grades of that stripped text; for an LLM
   * grade the offline grader's score it was compared with.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PolicyEvidence(
      Integer strippedWords,
      Double offlineSubstance,
      Double llmSubstance,
      Double graderScore,
      Double automatedScore,
      Double offlineScore) {}
}

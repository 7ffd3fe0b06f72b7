package dev.assay.grading;

import dev.assay.bank.QuestionService.QuestionRef;
import dev.assay.llm.PromptTokens;
import dev.assay.metrics.Metrics;
import dev.assay.scoring.ScoringModels;

/** The provenance of a computed grade: what graded it, with what, and what it cost. */
final class GradeProvenance {
  private GradeProvenance() {}

  static Provenance of(
      QuestionRef question,
      GradingInput input,
      Screening.Result screening,
      Graded graded,
      Stages stages,
      GraderConfig config,
      OfflineGrader.Setup offline,
      Provenance.PolicyEvidence policy,
      String embeddingModel) {
    boolean byLlm = graded.mode() == GradingMode.LLM;
    ScoringModels.Resolved model = byLlm ? null : offline.model();
    LlmTrace trace = graded.trace();
    return new Provenance(
        question.rubricVersion(),
        new Provenance.ConfigRef(config.name(), config.version(), config.specHash(), config.spec()),
        byLlm ? "llm" : OfflineGrader.version(offline),
        model == null
            ? null
            : new Provenance.ModelVersion(model.ref(), model.hash(), model.model().kind()),
        embeddingModel,
        input.exemplars().stream()
            .map(
                e ->
                    new Provenance.ExemplarShown(
                        e.id(), e.label().wire(), e.score(), Metrics.round(e.similarity(), 4)))
            .toList(),
        trace == null ? null : trace.exemplarsShown(),
        trace == null
            ? null
            : new Provenance.PromptRef(trace.promptId(), trace.promptVersion(), trace.promptHash()),
        trace == null ? null : new Provenance.LlmModel(trace.model(), trace.parameters()),
        trace == null ? null : trace.attempts(),
        trace == null
            ? new Provenance.Tokens(0, 0, null, null)
            : new Provenance.Tokens(
                trace.inputTokens(),
                trace.outputTokens(),
                trace.promptTokens(),
                PromptTokens.ENCODING),
        screening.evidence(),
        graded.confidence(),
        graded.reusedFrom() == null ? null : graded.reusedFrom().toString(),
        stages.snapshot(),
        policy);
  }
}

package dev.assay.evaluation;

import dev.assay.grading.GraderConfig;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An API evaluation run as the work queue stores it: the plan with its grader configuration named
 * by reference ({@code configRef}), so whichever instance claims it rebuilds the same plan.
 */
record QueuedRun(
    String purpose,
    String dataset,
    List<EvalRow> rows,
    String splitSeed,
    int seedPerQuestion,
    long seed,
    String gradeSplit,
    int maxQuestions,
    int maxPerQuestion,
    boolean bank,
    List<String> ablations,
    String requestedConfig,
    String configRef,
    boolean includePending,
    UUID createdBy) {

  static QueuedRun of(EvalRunService.Plan plan) {
    EvalOptions o = plan.options();
    return new QueuedRun(
        plan.purpose(),
        plan.dataset(),
        plan.rows(),
        o.splitSeed().orElse(null),
        o.seedPerQuestion(),
        o.seed(),
        o.gradeSplit().orElse(null),
        o.maxQuestions(),
        o.maxPerQuestion(),
        o.bank(),
        o.ablations(),
        o.config().orElse(null),
        plan.config().ref(),
        plan.includePending(),
        plan.createdBy());
  }

  EvalRunService.Plan plan(long workspaceId, GraderConfig config) {
    EvalOptions options =
        new EvalOptions(
            null,
            Optional.ofNullable(splitSeed),
            seedPerQuestion,
            seed,
            Optional.ofNullable(gradeSplit),
            maxQuestions,
            maxPerQuestion,
            Optional.ofNullable(requestedConfig),
            bank,
            ablations,
            null);
    return new EvalRunService.Plan(
        workspaceId, purpose, dataset, rows, options, config, includePending, createdBy);
  }
}

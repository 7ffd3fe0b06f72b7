package dev.assay.evaluation;

import dev.assay.grading.GraderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Stored evaluation runs: started, graded (now or in the background), finished or failed. */
@ApplicationScoped
public class EvalRunService {
  private final EvalRunner runner;
  private final EvalRuns runs;
  private final EvalJobs jobs;

  EvalRunService(EvalRunner runner, EvalRuns runs, EvalJobs jobs) {
    this.runner = runner;
    this.runs = runs;
    this.jobs = jobs;
  }

  /** What to evaluate, with what, for whom. */
  public record Plan(
      long workspaceId,
      String purpose,
      String dataset,
      List<EvalRow> rows,
      EvalOptions options,
      GraderConfig config,
      boolean includePending,
      UUID createdBy) {}

  /** Records the run and grades it in the background; the run's status tells when it is done. */
  public UUID submit(Plan plan) {
    UUID id = start(plan);
    jobs.submit("evaluation run " + id, () -> run(id, plan, (done, total) -> {}));
    return id;
  }

  /** Records the run and grades it now; the report is stored and returned. */
  public EvalReport runNow(Plan plan, EvalRunner.Progress progress) {
    return run(start(plan), plan, progress);
  }

  private UUID start(Plan plan) {
    return runs.start(
        plan.workspaceId(),
        plan.purpose(),
        plan.dataset(),
        plan.config(),
        plan.options(),
        plan.createdBy());
  }

  private EvalReport run(UUID id, Plan plan, EvalRunner.Progress progress) {
    try {
      EvalReport report =
          runner.evaluate(
              id,
              plan.workspaceId(),
              plan.dataset(),
              plan.options(),
              plan.rows(),
              plan.config(),
              plan.includePending(),
              (done, total) -> {
                progress.graded(done, total);
                if (done == total || done % 25 == 0) {
                  runs.progress(id, done, total);
                }
              });
      runs.finish(id, report, HtmlReport.render(report));
      return report;
    } catch (RuntimeException e) {
      runs.fail(id, e);
      throw e;
    }
  }
}

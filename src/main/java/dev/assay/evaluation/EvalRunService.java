package dev.assay.evaluation;

import dev.assay.grading.GraderConfig;
import dev.assay.queue.WorkItem;
import dev.assay.queue.WorkKind;
import dev.assay.queue.WorkQueue;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Stored evaluation runs: started, graded (now, or from the shared work queue), finished or failed.
 */
@ApplicationScoped
public class EvalRunService {
  private final EvalRunner runner;
  private final EvalRuns runs;
  private final WorkQueue queue;

  EvalRunService(EvalRunner runner, EvalRuns runs, WorkQueue queue) {
    this.runner = runner;
    this.runs = runs;
    this.queue = queue;
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

  /** Records the run and queues it; the run's status tells when it is done. */
  public UUID submit(Plan plan) {
    UUID id = start(plan, null);
    queue.enqueue(
        new WorkQueue.NewItem(
            WorkKind.EVAL_RUN, plan.workspaceId(), null, null, id, QueuedRun.of(plan)));
    return id;
  }

  /** Records the run and grades it now; the report is stored and returned. */
  public EvalReport runNow(Plan plan, EvalRunner.Progress progress) {
    return run(start(plan, null), plan, progress, true);
  }

  /**
   * As {@link #runNow}, inside the work item {@code claim} (a promotion gate): if the claim's lease
   * runs out the run is retired as abandoned, and the item's next attempt starts a new run.
   */
  public EvalReport runNow(Plan plan, WorkItem claim, EvalRunner.Progress progress) {
    return run(start(plan, claim), plan, progress, true);
  }

  /**
   * Grades queued run {@code id} under {@code claim}. A failure is left to the queue, which retries
   * it and records the run as failed when it gives up.
   */
  void runClaimed(UUID id, Plan plan, WorkItem claim) {
    runs.claimed(id, claim);
    run(id, plan, (done, total) -> {}, false);
  }

  private UUID start(Plan plan, WorkItem claim) {
    UUID id =
        runs.start(
            plan.workspaceId(),
            plan.purpose(),
            plan.dataset(),
            plan.config(),
            plan.options(),
            plan.createdBy());
    if (claim != null) {
      runs.claimed(id, claim);
    }
    return id;
  }

  private EvalReport run(UUID id, Plan plan, EvalRunner.Progress progress, boolean failHere) {
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
                // Every row is a heartbeat: a run with none for a while is found abandoned.
                runs.progress(id, done, total);
              });
      runs.finish(id, report, HtmlReport.render(report));
      return report;
    } catch (RuntimeException e) {
      if (failHere) {
        runs.fail(id, e);
      }
      throw e;
    }
  }
}

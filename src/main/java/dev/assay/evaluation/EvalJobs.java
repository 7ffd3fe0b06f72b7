package dev.assay.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.grading.GraderConfigs;
import dev.assay.queue.QueueConfig;
import dev.assay.queue.ServiceMode;
import dev.assay.queue.WorkHandler;
import dev.assay.queue.WorkItem;
import dev.assay.queue.WorkKind;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Evaluation runs started through the API, graded from the shared work queue by any serving
 * instance (one at a time per instance by default: a run is CPU-bound embedding and grading). A run
 * whose instance died is graded again from the start by the instance that takes over its lease, and
 * the periodic sweep retires runs nobody grades any more ({@link EvalRuns#retire}).
 */
@ApplicationScoped
public class EvalJobs implements WorkHandler {
  private static final Logger LOG = Logger.getLogger(EvalJobs.class);

  private final EvalRunService service;
  private final EvalRuns runs;
  private final GraderConfigs configs;
  private final ObjectMapper json;
  private final QueueConfig queue;
  private final ServiceMode mode;
  private volatile Thread sweeper;

  EvalJobs(
      EvalRunService service,
      EvalRuns runs,
      GraderConfigs configs,
      ObjectMapper json,
      QueueConfig queue,
      ServiceMode mode) {
    this.service = service;
    this.runs = runs;
    this.configs = configs;
    this.json = json;
    this.queue = queue;
    this.mode = mode;
  }

  @Override
  public WorkKind kind() {
    return WorkKind.EVAL_RUN;
  }

  @Override
  public UUID handle(WorkItem item) {
    QueuedRun queued = item.payloadAs(json, QueuedRun.class);
    long ws = item.workspaceId();
    EvalRunService.Plan plan = queued.plan(ws, configs.find(ws, queued.configRef()));
    service.runClaimed(item.subject(), plan, item);
    return null;
  }

  @Override
  public void gaveUp(WorkItem item, String reason) {
    runs.fail(item.subject(), reason);
  }

  void onStart(@Observes StartupEvent event) {
    if (mode.serving()) {
      sweeper = Thread.ofPlatform().daemon().name("assay-eval-sweeper").start(this::sweep);
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    if (sweeper != null) {
      sweeper.interrupt();
    }
  }

  /** Retires abandoned runs now and then (every lease period), on every serving instance. */
  private void sweep() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        int retired = runs.retire(queue.abandonAfter());
        if (retired > 0) {
          LOG.infof("retired %d abandoned evaluation run(s)", retired);
        }
        Thread.sleep(queue.lease());
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warnf("evaluation sweep: %s", e.getMessage());
        try {
          Thread.sleep(queue.lease());
        } catch (InterruptedException stop) {
          return;
        }
      }
    }
  }
}

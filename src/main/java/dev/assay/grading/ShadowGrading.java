package dev.assay.grading;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs shadow grades after the live grade has been answered, one at a time on a bounded queue, so a
 * shadow configuration never slows a client down or changes what it receives. When the queue is
 * full the shadow grade is skipped and counted ({@code assay.shadow.grades{outcome=skipped}}): the
 * shadow report is a sample of live traffic, not a second log.
 */
@ApplicationScoped
class ShadowGrading {
  private static final Logger LOG = Logger.getLogger(ShadowGrading.class);
  private static final int QUEUE = 1000;

  private final Instance<GradingService> grading;
  private final MeterRegistry registry;
  private final ThreadPoolExecutor executor =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(QUEUE),
          r -> {
            Thread t = new Thread(r, "assay-shadow");
            t.setDaemon(true);
            return t;
          });

  ShadowGrading(Instance<GradingService> grading, MeterRegistry registry) {
    this.grading = grading;
    this.registry = registry;
  }

  void submit(long workspaceId, UUID gradeId, GradeRequest request, GraderConfig config) {
    try {
      executor.execute(() -> run(workspaceId, gradeId, request, config));
    } catch (RejectedExecutionException e) {
      count("skipped");
    }
  }

  /** Shadow grades queued or running; tests and shutdown wait for this to reach zero. */
  int pending() {
    return executor.getQueue().size() + executor.getActiveCount();
  }

  private void run(long workspaceId, UUID gradeId, GradeRequest request, GraderConfig config) {
    try {
      grading.get().gradeInShadow(workspaceId, gradeId, request, config);
      count("stored");
    } catch (RuntimeException e) {
      count("failed");
      LOG.warnf(e, "shadow grade of %s with %s failed", gradeId, config.ref());
    }
  }

  private void count(String outcome) {
    registry.counter("assay.shadow.grades", "outcome", outcome).increment();
  }

  @PreDestroy
  void stop() throws InterruptedException {
    executor.shutdown();
    executor.awaitTermination(10, TimeUnit.SECONDS);
  }
}

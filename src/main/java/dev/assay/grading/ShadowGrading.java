package dev.assay.grading;

import dev.assay.bank.QuestionService;
import dev.assay.bank.QuestionService.QuestionRef;
import dev.assay.metrics.Metrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
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

  private final GradingPipeline pipeline;
  private final QuestionService questions;
  private final ShadowGrades shadowGrades;
  private final GradingConfig settings;
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

  ShadowGrading(
      GradingPipeline pipeline,
      QuestionService questions,
      ShadowGrades shadowGrades,
      GradingConfig settings,
      MeterRegistry registry) {
    this.pipeline = pipeline;
    this.questions = questions;
    this.shadowGrades = shadowGrades;
    this.settings = settings;
    this.registry = registry;
  }

  /**
   * Queues a live grade for the shadow configuration when it falls in the sample ({@code
   * assay.grading.shadow-rate} of the traffic, chosen by grade id).
   */
  void offer(long workspaceId, UUID gradeId, GradeRequest request, GraderConfig config) {
    if (!inSample(gradeId)) {
      return;
    }
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
      grade(workspaceId, gradeId, request, config);
      count("stored");
    } catch (RuntimeException e) {
      count("failed");
      LOG.warnf(e, "shadow grade of %s with %s failed", gradeId, config.ref());
    }
  }

  private boolean inSample(UUID gradeId) {
    double rate = settings.shadowRate();
    return rate >= 1 || Math.floorMod(gradeId.hashCode(), 10_000) < rate * 10_000;
  }

  /**
   * Grades an answer already logged as {@code gradeId} again with a shadow configuration and keeps
   * the result apart from the grade log, where no grade endpoint reads.
   */
  private void grade(long workspaceId, UUID gradeId, GradeRequest request, GraderConfig config) {
    Stages stages = new Stages(null);
    QuestionRef question = questions.resolve(workspaceId, request.questionId());
    GradingPipeline.Computed c =
        pipeline.compute(workspaceId, request, question, config, null, stages, false);
    shadowGrades.insert(
        new ShadowGrades.ShadowGrade(
            gradeId,
            workspaceId,
            config.id(),
            c.graded().mode().wire(),
            Metrics.round(c.overall(), 3),
            question.rubric().scale(),
            Metrics.round(c.confidence(), 3),
            c.flags(),
            c.graded().criteria(),
            c.provenance()));
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

package dev.assay.evaluation;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs evaluation work (API runs and promotion gates) in the background, one job at a time: a run
 * is CPU-bound embedding and grading, and two at once would only slow both and live traffic.
 */
@ApplicationScoped
public class EvalJobs {
  private static final Logger LOG = Logger.getLogger(EvalJobs.class);

  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "assay-eval");
            t.setDaemon(true);
            return t;
          });

  /** Queues {@code job}; failures are the job's to record, and are logged here as well. */
  public void submit(String what, Runnable job) {
    executor.execute(
        () -> {
          try {
            job.run();
          } catch (RuntimeException e) {
            LOG.errorf(e, "%s failed", what);
          }
        });
  }

  @PreDestroy
  void stop() throws InterruptedException {
    executor.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
  }
}

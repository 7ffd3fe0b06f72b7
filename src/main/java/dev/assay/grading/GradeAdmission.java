package dev.assay.grading;

import dev.assay.platform.Unavailable;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;

/**
 * Admission control for grade requests: at most {@code assay.concurrency.max-grades-in-flight} at
 * once per instance. One more is refused at once with 503 + {@code Retry-After} (nothing graded,
 * nothing logged), so an overload is answered clearly instead of by time-outs.
 */
@ApplicationScoped
class GradeAdmission {
  private final int limit;
  private final long retryAfterSeconds;
  private final Semaphore slots;

  GradeAdmission(ConcurrencyConfig config, MeterRegistry registry) {
    this.limit = config.maxGradesInFlight();
    this.retryAfterSeconds = Math.max(1, (config.retryAfter().toMillis() + 999) / 1000);
    this.slots = new Semaphore(limit);
    Gauge.builder("assay.grades.in.flight", this, GradeAdmission::inFlight)
        .description("Grade requests admitted and not yet answered")
        .register(registry);
  }

  /** One request's place; close it when the response is ready. */
  interface Slot extends AutoCloseable {
    @Override
    void close();
  }

  Slot enter() {
    if (!slots.tryAcquire()) {
      throw new Unavailable(
          "overloaded",
          "this instance already has "
              + limit
              + " grades in flight (assay.concurrency.max-grades-in-flight); retry after "
              + retryAfterSeconds
              + " s",
          retryAfterSeconds);
    }
    return new Slot() {
      private boolean closed;

      @Override
      public void close() {
        if (!closed) {
          closed = true;
          slots.release();
        }
      }
    };
  }

  /** Grade requests in flight now. */
  int inFlight() {
    return limit - slots.availablePermits();
  }
}

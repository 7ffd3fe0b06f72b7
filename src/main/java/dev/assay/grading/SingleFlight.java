package dev.assay.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.platform.ApiException;
import dev.assay.platform.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Exact idempotency for grading: of all requests with one Idempotency-Key in a workspace, one runs
 * the grading and the others wait for its outcome and replay it (same status, same body). The key
 * is reserved by inserting its row before any work starts, so the reservation is the single flight
 * across threads and service instances; no database connection is held while the grade is made. The
 * reservation is completed in the transaction that logs the grade, so a grade is logged under a key
 * at most once even when a holder's lease lapses and another request takes the key over.
 */
@ApplicationScoped
class SingleFlight {
  private static final Logger LOG = Logger.getLogger(SingleFlight.class);
  private static final long PURGE_EVERY_MS = 60_000;
  private static final Duration FIRST_POLL = Duration.ofMillis(50);
  private static final Duration LONGEST_POLL = Duration.ofMillis(500);

  private final IdempotencyKeys keys;
  private final GradeRepository grades;
  private final Jdbc jdbc;
  private final ObjectMapper json;
  private final IdempotencyConfig config;
  private final AtomicLong nextPurge = new AtomicLong();
  // Keys held on this instance: their waiters here wake when the holder finishes instead of
  // polling the database (waiters on other instances poll, backing off).
  private final ConcurrentHashMap<String, CountDownLatch> heldHere = new ConcurrentHashMap<>();

  SingleFlight(
      IdempotencyKeys keys,
      GradeRepository grades,
      Jdbc jdbc,
      ObjectMapper json,
      IdempotencyConfig config) {
    this.keys = keys;
    this.grades = grades;
    this.jdbc = jdbc;
    this.json = json;
    this.config = config;
  }

  /** Logs a grade row; under a key, in the transaction that marks the key used. */
  @FunctionalInterface
  interface Persist {
    void log(GradeRepository.NewGrade row);
  }

  /** One run of the grading, logging grade {@code gradeId} through {@code persist}. */
  @FunctionalInterface
  interface Attempt {
    GradingService.Accepted run(UUID gradeId, Persist persist);
  }

  /**
   * Runs {@code attempt} once for all requests carrying the claim's key, or replays its outcome.
   */
  GradingService.Accepted once(IdempotencyKeys.Claim claim, Attempt attempt) {
    purgeNow();
    long deadline = System.nanoTime() + config.waitFor().toNanos();
    Duration poll = FIRST_POLL;
    while (true) {
      UUID gradeId = UUID.randomUUID();
      if (keys.reserve(claim, gradeId, config.lease(), config.retention())) {
        Optional<GradingService.Accepted> done = hold(claim, gradeId, attempt);
        if (done.isPresent()) {
          return done.get();
        }
        continue;
      }
      Optional<IdempotencyKeys.Entry> entry = keys.find(claim.workspaceId(), claim.key());
      if (entry.isEmpty()) {
        continue; // released or expired between the insert and the read: try to reserve again
      }
      IdempotencyKeys.Entry e = entry.get();
      check(claim, e);
      if (e.replayable()) {
        return replay(claim, e);
      }
      if (e.leaseLapsed() && keys.takeOver(claim, e.gradeId(), gradeId, config.lease())) {
        LOG.warnf("took over idempotency key whose holder's lease lapsed (grade %s)", e.gradeId());
        Optional<GradingService.Accepted> done = hold(claim, gradeId, attempt);
        if (done.isPresent()) {
          return done.get();
        }
        continue;
      }
      if (System.nanoTime() > deadline) {
        throw new KeyInFlight(config.waitFor());
      }
      pause(claim, poll);
      poll = poll.multipliedBy(2).compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : poll.multipliedBy(2);
    }
  }

  /** The same key from another client, or with another body, is refused before any waiting. */
  private static void check(IdempotencyKeys.Claim claim, IdempotencyKeys.Entry e) {
    if (!Objects.equals(e.createdByKey(), claim.caller())) {
      throw ApiException.conflict(
          "idempotency-key-in-use", "this Idempotency-Key was used by another client");
    }
    if (e.requestHash() != null && !e.requestHash().equals(claim.requestHash())) {
      throw new ApiException(
          422,
          "idempotency-key-reused",
          "Idempotency-Key reused with a different request",
          "this Idempotency-Key was first used with a different request body; send the original"
              + " body to get its grade again, or use a new key for a new request",
          List.of());
    }
  }

  /**
   * Runs the attempt while holding the key. Empty when the lease lapsed and another request took
   * the key over before this one could log its grade (that grade was rolled back; the caller waits
   * for the other's outcome instead).
   */
  private Optional<GradingService.Accepted> hold(
      IdempotencyKeys.Claim claim, UUID gradeId, Attempt attempt) {
    CountDownLatch finished = new CountDownLatch(1);
    heldHere.put(local(claim), finished);
    try {
      GradingService.Accepted accepted;
      try {
        accepted = attempt.run(gradeId, row -> logUnderKey(claim, row));
      } catch (LeaseLost lost) {
        return Optional.empty();
      } catch (RuntimeException e) {
        release(claim, gradeId, e);
        throw e;
      }
      try {
        keys.saveResponse(claim, gradeId, json.writeValueAsString(accepted.grade()));
      } catch (JsonProcessingException | RuntimeException e) {
        // The grade and the key's use are committed; a replay then re-reads the grade instead.
        LOG.warnf("idempotent response of grade %s not stored: %s", gradeId, e.getMessage());
      }
      return Optional.of(accepted);
    } finally {
      heldHere.remove(local(claim), finished);
      finished.countDown();
    }
  }

  private static String local(IdempotencyKeys.Claim claim) {
    return claim.workspaceId() + "/" + claim.key();
  }

  private void logUnderKey(IdempotencyKeys.Claim claim, GradeRepository.NewGrade row) {
    jdbc.inTransaction(
        "log grade " + row.id(),
        session -> {
          grades.insert(session, row);
          if (!keys.complete(session, claim, row.id(), 201)) {
            throw new LeaseLost();
          }
          return null;
        });
  }

  private void release(IdempotencyKeys.Claim claim, UUID gradeId, RuntimeException cause) {
    try {
      keys.release(claim, gradeId);
    } catch (RuntimeException e) {
      // The lease frees the key later; the original failure is what the client must see.
      cause.addSuppressed(e);
    }
  }

  private GradingService.Accepted replay(IdempotencyKeys.Claim claim, IdempotencyKeys.Entry e) {
    GradeView grade =
        grades
            .find(claim.workspaceId(), e.gradeId(), null)
            .orElseThrow(() -> ApiException.notFound("grade", e.gradeId().toString()));
    return GradingService.Accepted.replayed(grade, e.status(), e.response());
  }

  private void purgeNow() {
    long now = System.currentTimeMillis();
    long due = nextPurge.get();
    if (now >= due && nextPurge.compareAndSet(due, now + PURGE_EVERY_MS)) {
      int purged = keys.purge(config.retention());
      if (purged > 0) {
        LOG.infof("forgot %d idempotency keys older than %s", purged, config.retention());
      }
    }
  }

  private void pause(IdempotencyKeys.Claim claim, Duration d) {
    try {
      CountDownLatch holder = heldHere.get(local(claim));
      if (holder == null) {
        Thread.sleep(d);
      } else {
        holder.await(d.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for an idempotent request", e);
    }
  }

  /** The holder's lease lapsed and another request now holds the key. */
  private static final class LeaseLost extends RuntimeException {
    LeaseLost() {
      super("idempotency key taken over", null, false, false);
    }
  }

  /** Another request with the key is still being graded after the wait. */
  private static final class KeyInFlight extends ApiException {
    KeyInFlight(Duration waited) {
      super(
          409,
          "idempotency-key-in-flight",
          "Conflict",
          "a request with this Idempotency-Key is still being graded after "
              + waited.toSeconds()
              + " s; retry later to get its grade",
          List.of());
    }

    @Override
    public Map<String, String> headers() {
      return Map.of("Retry-After", "1");
    }
  }
}

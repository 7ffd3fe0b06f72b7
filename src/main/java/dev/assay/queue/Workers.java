package dev.assay.queue;

import dev.assay.platform.ApiException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * This instance's workers: a bounded number of threads per pool, each claiming one item at a time,
 * plus a heartbeat that extends the leases of the items in hand. Runs only when the service serves
 * (not in the one-shot command-line modes such as {@code eval}).
 */
@ApplicationScoped
class Workers {
  private static final Logger LOG = Logger.getLogger(Workers.class);

  private final WorkQueue queue;
  private final QueueConfig config;
  private final Map<WorkKind, WorkHandler> handlers = new EnumMap<>(WorkKind.class);
  private final ServiceMode mode;
  private final String owner;
  private final Map<UUID, WorkItem> inHand = new ConcurrentHashMap<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running;

  Workers(WorkQueue queue, QueueConfig config, Instance<WorkHandler> all, ServiceMode mode) {
    this.queue = queue;
    this.config = config;
    this.mode = mode;
    for (WorkHandler h : all) {
      handlers.put(h.kind(), h);
    }
    // Names the claimant in work_item.lease_owner, for whoever investigates a stuck item.
    this.owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
  }

  void onStart(@Observes StartupEvent event) {
    if (!mode.serving()) {
      return;
    }
    running = true;
    startPool("grade", Set.of(WorkKind.GRADE), config.gradeWorkers());
    startPool(
        "background", Set.of(WorkKind.EVAL_RUN, WorkKind.PROMOTION), config.backgroundWorkers());
    Thread beat =
        Thread.ofPlatform().daemon().name("assay-queue-heartbeat").unstarted(this::heartbeats);
    threads.add(beat);
    beat.start();
    LOG.infof(
        "work queue: %d grade and %d background workers as %s",
        config.gradeWorkers(), config.backgroundWorkers(), owner);
  }

  void onStop(@Observes ShutdownEvent event) throws InterruptedException {
    running = false;
    threads.forEach(Thread::interrupt);
    for (Thread t : threads) {
      t.join(Duration.ofSeconds(5));
    }
    // Whatever is still in hand goes back at once instead of waiting for its lease to run out.
    try {
      queue.release(inHand.keySet());
    } catch (RuntimeException e) {
      LOG.warnf("could not hand back %d work items: %s", inHand.size(), e.getMessage());
    }
  }

  private void startPool(String name, Set<WorkKind> kinds, int size) {
    for (int i = 0; i < size; i++) {
      // Platform threads: grading is CPU-bound native work (ONNX) that would pin the few carriers
      // of virtual threads, and a starved heartbeat would let leases expire under load.
      Thread t =
          Thread.ofPlatform().daemon().name("assay-" + name + "-" + i).unstarted(() -> loop(kinds));
      threads.add(t);
      t.start();
    }
  }

  private void loop(Set<WorkKind> kinds) {
    while (running) {
      try {
        List<WorkItem> claimed = queue.claim(owner, kinds, 1, config.lease());
        if (claimed.isEmpty()) {
          queue.awaitWork(config.pollInterval());
        } else {
          process(claimed.get(0));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // The database is away or the statement failed: wait a poll before trying again.
        LOG.warnf("work queue: %s", e.getMessage());
        sleepQuietly(config.pollInterval());
      }
    }
  }

  private void process(WorkItem item) {
    WorkHandler handler = handlers.get(item.kind());
    inHand.put(item.leaseToken(), item);
    try {
      if (item.attempts() > config.maxAttempts()) {
        giveUp(handler, item, "gave up after " + config.maxAttempts() + " attempts");
        return;
      }
      UUID gradeId = handler.handle(item);
      queue.complete(item, gradeId, handler::settled);
    } catch (ApiException e) {
      if (e.headers().containsKey("Retry-After")) {
        // Not a verdict on the request: e.g. the attempt killed with its instance still holds the
        // item's idempotency key until that key's lease ends (found by bench/batch_crash.py).
        retryOrGiveUp(handler, item, e);
      } else if (queue.fail(item, ItemError.of(e), handler::settled)) {
        handler.gaveUp(item, e.getMessage());
      }
    } catch (RuntimeException e) {
      if (!running) {
        return; // stopping: the item is handed back, not counted as failed
      }
      retryOrGiveUp(handler, item, e);
    } finally {
      inHand.remove(item.leaseToken());
    }
  }

  private void retryOrGiveUp(WorkHandler handler, WorkItem item, RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (item.attempts() >= config.maxAttempts()) {
      LOG.errorf(e, "work item %d (%s) failed for good", item.id(), item.kind().wire());
      giveUp(handler, item, message);
      return;
    }
    Duration delay = config.retryBackoff().multipliedBy(1L << Math.min(item.attempts() - 1, 10));
    LOG.warnf(
        "work item %d (%s) attempt %d failed, retrying in %s: %s",
        item.id(), item.kind().wire(), item.attempts(), delay, message);
    queue.retryLater(item, delay, ItemError.transientFailure(message));
  }

  private void giveUp(WorkHandler handler, WorkItem item, String reason) {
    if (queue.fail(item, ItemError.gaveUp(reason), handler::settled)) {
      handler.gaveUp(item, reason);
    }
  }

  private void heartbeats() {
    Duration every = config.lease().dividedBy(3);
    while (running) {
      sleepQuietly(every);
      try {
        queue.heartbeat(inHand.keySet(), config.lease());
      } catch (RuntimeException e) {
        LOG.warnf("work queue heartbeat: %s", e.getMessage());
      }
    }
  }

  private static void sleepQuietly(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

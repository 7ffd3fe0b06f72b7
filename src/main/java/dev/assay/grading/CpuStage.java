package dev.assay.grading;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jboss.logging.MDC;

/**
 * The CPU stage of grading (embedding, retrieval, inspection, screening, offline scoring) on as
 * many platform threads as there are cores, the grades queueing for them in order of arrival.
 *
 * <p>Why: grading requests run on virtual threads, so a thousand of them can wait for a slow LLM at
 * once. Virtual threads share as many carrier threads as there are cores and are not preempted: if
 * they ran ONNX inference themselves, every carrier would be busy embedding while the grades
 * holding a database connection waited for one, so connections were held for seconds and the pool's
 * acquisition timeout refused most of a burst. Here the inference runs on threads the operating
 * system schedules, the carriers stay free for the database and HTTP work, and the waiting grades
 * hold nothing. The queue is ordered by the grade's ticket (taken when the grade starts), so a
 * grade that has embedded retrieves before a later grade embeds: grades finish in the order they
 * came rather than all at the end.
 */
@ApplicationScoped
class CpuStage {
  private final AtomicLong tickets = new AtomicLong();
  private final AtomicLong sequence = new AtomicLong();
  private final int size;
  private final ThreadPoolExecutor workers;
  private final Semaphore lanes;

  CpuStage(ConcurrencyConfig config) {
    this.size =
        config.cpuPermits() > 0 ? config.cpuPermits() : Runtime.getRuntime().availableProcessors();
    this.workers =
        new ThreadPoolExecutor(
            size,
            size,
            0,
            TimeUnit.MILLISECONDS,
            new PriorityBlockingQueue<>(),
            Thread.ofPlatform().name("assay-cpu-", 0).daemon().factory());
    this.lanes = new Semaphore(2 * size, true);
  }

  /** A grade's lane; closing it more than once gives it back once. */
  interface Lane extends AutoCloseable {
    @Override
    void close();
  }

  /** Waits, first come first served, for a lane. */
  Lane lane() {
    lanes.acquireUninterruptibly();
    return new Lane() {
      private boolean held = true;

      @Override
      public void close() {
        if (held) {
          held = false;
          lanes.release();
        }
      }
    };
  }

  /** A grade's place in the queue: lower tickets run first. */
  long ticket() {
    return tickets.incrementAndGet();
  }

  /** Runs {@code work} on a CPU thread in {@code ticket}'s turn and waits for its result. */
  <T> T run(long ticket, Supplier<T> work) {
    Task<T> task = new Task<>(ticket, sequence.incrementAndGet(), MDC.getMap(), work);
    workers.execute(task);
    try {
      return task.get();
    } catch (InterruptedException e) {
      task.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the CPU stage", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  int size() {
    return size;
  }

  @PreDestroy
  void stop() {
    workers.shutdownNow();
  }

  /** One stage of one grade, ordered by the grade's ticket, then by submission. */
  private static final class Task<T> extends FutureTask<T> implements Comparable<Task<?>> {
    private final long ticket;
    private final long seq;

    Task(long ticket, long seq, Map<String, Object> mdc, Supplier<T> work) {
      super(
          () -> {
            // The grade's request id follows its work onto the CPU thread's log lines.
            mdc.forEach(MDC::put);
            try {
              return work.get();
            } finally {
              MDC.clear();
            }
          });
      this.ticket = ticket;
      this.seq = seq;
    }

    @Override
    public int compareTo(Task<?> other) {
      int byTicket = Long.compare(ticket, other.ticket);
      return byTicket != 0 ? byTicket : Long.compare(seq, other.seq);
    }
  }
}

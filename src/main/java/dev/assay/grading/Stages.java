package dev.assay.grading;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Wall-clock time of each grading stage, for provenance and the stage-latency metric. For a live
 * grade the CPU-bound stages run in the {@link CpuStage}, in this grade's turn; their times are the
 * work, and the wait for a CPU thread goes to the {@code cpu-queue} metric.
 */
final class Stages {
  /** The stages that are mostly CPU work (ONNX inference, scoring) or short reads between them. */
  private static final Set<String> CPU_BOUND =
      Set.of("embed", "retrieve", "inspect", "screen", "grade");

  private final GradingMetrics metrics;
  private final CpuStage cpu;
  private final long ticket;
  private final CpuStage.Lane lane;
  private final long start = System.nanoTime();
  // One stage at a time: a CPU thread's writes are seen through the future the caller waits on.
  private final Map<String, Long> millis = new LinkedHashMap<>();

  /** {@code metrics} may be null: shadow grading keeps its times out of the live latency metric. */
  Stages(GradingMetrics metrics) {
    this(metrics, null, null);
  }

  /**
   * {@code cpu} null: the stages run on the caller's thread. {@code lane} (may be null) is the
   * grade's {@link CpuStage} lane, given back when the grade starts waiting for the LLM.
   */
  Stages(GradingMetrics metrics, CpuStage cpu, CpuStage.Lane lane) {
    this.metrics = metrics;
    this.cpu = cpu;
    this.ticket = cpu == null ? 0 : cpu.ticket();
    this.lane = lane;
  }

  /** Runs {@code work} (the wait for the LLM) after giving the grade's lane back. */
  <T> T outside(Supplier<T> work) {
    if (lane != null) {
      lane.close();
    }
    return work.get();
  }

  <T> T time(String stage, Supplier<T> work) {
    if (cpu == null || !CPU_BOUND.contains(stage)) {
      return timed(stage, work);
    }
    long queued = System.nanoTime();
    return cpu.run(
        ticket,
        () -> {
          if (metrics != null) {
            metrics.stage("cpu-queue", System.nanoTime() - queued);
          }
          return timed(stage, work);
        });
  }

  private <T> T timed(String stage, Supplier<T> work) {
    long t0 = System.nanoTime();
    try {
      return work.get();
    } finally {
      long nanos = System.nanoTime() - t0;
      if (metrics != null) {
        metrics.stage(stage, nanos);
      }
      millis.merge(stage, nanos / 1_000_000, Long::sum);
    }
  }

  void record(String stage, long ms) {
    if (metrics != null) {
      metrics.stage(stage, ms * 1_000_000);
    }
    millis.merge(stage, ms, Long::sum);
  }

  long totalMs() {
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** Stage times so far and the total, in milliseconds. */
  Map<String, Long> snapshot() {
    Map<String, Long> out = new LinkedHashMap<>(millis);
    out.put("total", totalMs());
    return out;
  }
}

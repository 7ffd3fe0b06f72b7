package dev.assay.grading;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Wall-clock time of each grading stage, for provenance and the stage-latency metric. */
final class Stages {
  private final GradingMetrics metrics;
  private final long start = System.nanoTime();
  private final Map<String, Long> millis = new LinkedHashMap<>();

  /** {@code metrics} may be null: shadow grading keeps its times out of the live latency metric. */
  Stages(GradingMetrics metrics) {
    this.metrics = metrics;
  }

  <T> T time(String stage, Supplier<T> work) {
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

package dev.assay.grading;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How many grades one instance holds at once, and how many of them may use the CPU at once
 * (docs/performance.md, "1,000 in flight"; docs/deployment.md for N replicas).
 */
@ConfigMapping(prefix = "assay.concurrency")
interface ConcurrencyConfig {
  /**
   * Grade requests ({@code POST /api/v1/grades}) in flight per instance; one more is refused at
   * once with 503 + {@code Retry-After} instead of waiting past its client's timeout. Each waiting
   * request is a virtual thread and a few KiB of heap, so the bound is about the client's patience:
   * with a grade costing C ms of CPU on P cores, the last of M requests waits about M * C / P ms.
   */
  @WithDefault("1024")
  int maxGradesInFlight();

  /** The {@code Retry-After} of that refusal. */
  @WithDefault("2s")
  Duration retryAfter();

  /**
   * Grades in their CPU stage (embedding, retrieval, inspection, screening, offline scoring) at
   * once; the rest wait for a permit holding no database connection. 0 = the number of cores.
   */
  @WithDefault("0")
  int cpuPermits();
}

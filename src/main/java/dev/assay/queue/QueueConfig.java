package dev.assay.queue;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The shared work queue ({@code assay.queue.*}, README "Configuration"). */
@ConfigMapping(prefix = "assay.queue")
public interface QueueConfig {
  /** Workers per instance that grade batch items (platform threads). 0 disables them. */
  @WithDefault("2")
  int gradeWorkers();

  /**
   * Workers per instance for evaluation runs and promotion gates: CPU-bound embedding and grading,
   * so one at a time by default.
   */
  @WithDefault("1")
  int backgroundWorkers();

  /** How long a claim holds an item without a heartbeat before another instance may take it. */
  @WithDefault("30s")
  Duration lease();

  /** How often an idle worker looks for work placed by another instance. */
  @WithDefault("500ms")
  Duration pollInterval();

  /** Claims of one item before it is failed (crashes and transient errors both count). */
  @WithDefault("5")
  int maxAttempts();

  /** The first retry's delay after a transient error; each further retry doubles it. */
  @WithDefault("2s")
  Duration retryBackoff();

  /** An evaluation run that reported no progress for this long (and no queue lease) is failed. */
  @WithDefault("10m")
  Duration abandonAfter();
}

package dev.assay.batch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Batch grading ({@code assay.batch.*}, README "Configuration"). */
@ConfigMapping(prefix = "assay.batch")
interface BatchConfig {
  /** The most answers one batch may hold. */
  @WithDefault("10000")
  int maxItems();

  /** The whole-request deadline of one callback delivery (connect, send, reply). */
  @WithDefault("10s")
  Duration callbackTimeout();

  /** Deliveries tried before a callback is given up (the batch itself stays done). */
  @WithDefault("8")
  int callbackMaxAttempts();

  /** The delay after the first failed delivery; each further failure doubles it. */
  @WithDefault("5s")
  Duration callbackBackoff();
}

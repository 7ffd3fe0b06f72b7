package dev.assay.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Per-API-key request limits (token buckets refilled evenly over each minute). */
@ConfigMapping(prefix = "assay.rate-limit")
interface RateLimitConfig {
  @WithDefault("true")
  boolean enabled();

  /** Calls of any kind one key may make per minute. */
  @WithDefault("600")
  long requestsPerMinute();

  /** Grades one key may create per minute (each may cost an LLM call). */
  @WithDefault("120")
  long gradesPerMinute();
}

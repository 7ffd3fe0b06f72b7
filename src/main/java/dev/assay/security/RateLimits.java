package dev.assay.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Token buckets per API key (Bucket4j, in memory: each service instance limits on its own). One
 * bucket for all calls, one for grades, which may each cost an LLM call. Kept apart from the key
 * filter so it can move with authentication.
 */
@ApplicationScoped
class RateLimits {
  private final RateLimitConfig config;
  private final Map<UUID, Bucket> requests = new ConcurrentHashMap<>();
  private final Map<UUID, Bucket> grades = new ConcurrentHashMap<>();

  RateLimits(RateLimitConfig config) {
    this.config = config;
  }

  /** Seconds to wait before retrying, or empty when the call may go ahead (and is counted). */
  OptionalLong take(UUID key, boolean grading) {
    if (!config.enabled()) {
      return OptionalLong.empty();
    }
    ConsumptionProbe all =
        requests
            .computeIfAbsent(key, k -> bucket(config.requestsPerMinute()))
            .tryConsumeAndReturnRemaining(1);
    if (!all.isConsumed()) {
      return OptionalLong.of(seconds(all));
    }
    if (grading) {
      ConsumptionProbe g =
          grades
              .computeIfAbsent(key, k -> bucket(config.gradesPerMinute()))
              .tryConsumeAndReturnRemaining(1);
      if (!g.isConsumed()) {
        return OptionalLong.of(seconds(g));
      }
    }
    return OptionalLong.empty();
  }

  private static Bucket bucket(long perMinute) {
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(perMinute)
                .refillGreedy(perMinute, Duration.ofMinutes(1))
                .build())
        .build();
  }

  private static long seconds(ConsumptionProbe probe) {
    return Math.max(
        1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999));
  }
}

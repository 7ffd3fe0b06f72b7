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
    OptionalLong wait = take(requests, key, config.requestsPerMinute());
    return wait.isPresent() || !grading ? wait : take(grades, key, config.gradesPerMinute());
  }

  private static OptionalLong take(Map<UUID, Bucket> buckets, UUID key, long perMinute) {
    ConsumptionProbe probe =
        buckets.computeIfAbsent(key, k -> bucket(perMinute)).tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? OptionalLong.empty() : OptionalLong.of(seconds(probe));
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

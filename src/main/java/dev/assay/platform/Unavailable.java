package dev.assay.platform;

import java.util.List;
import java.util.Map;

/**
 * A 503 problem with {@code Retry-After}: the request was refused before anything was done or
 * logged, and the same request will work once the service has room again (the database is back, or
 * fewer grades are in flight).
 */
public final class Unavailable extends ApiException {
  private final long retryAfterSeconds;

  public Unavailable(String code, String detail, long retryAfterSeconds) {
    super(503, code, "Service unavailable", detail, List.of());
    this.retryAfterSeconds = retryAfterSeconds;
  }

  @Override
  public Map<String, String> headers() {
    return Map.of("Retry-After", String.valueOf(retryAfterSeconds));
  }
}

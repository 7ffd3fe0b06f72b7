package dev.assay.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A batch's progress. {@code ratePerSecond} counts items settled in the last minute (over the whole
 * run once it is done); {@code etaSeconds} is {@code remaining / ratePerSecond}, null while nothing
 * has settled yet.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BatchView(
    UUID id,
    BatchStatus status,
    int total,
    int done,
    int failed,
    int remaining,
    Double ratePerSecond,
    Long etaSeconds,
    OffsetDateTime createdAt,
    OffsetDateTime finishedAt,
    Callback callback) {

  /** The completion callback's delivery, when the batch asked for one. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Callback(String url, String status, int attempts, String error) {}
}

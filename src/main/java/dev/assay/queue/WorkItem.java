package dev.assay.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;

/**
 * A claimed work item. {@code attempts} counts this claim; {@code leaseToken} names this claim, so
 * a finisher whose lease was taken over cannot overwrite the new owner's outcome.
 */
public record WorkItem(
    long id,
    WorkKind kind,
    long workspaceId,
    UUID batchId,
    Integer line,
    UUID subject,
    JsonNode payload,
    int attempts,
    UUID leaseToken) {

  /**
   * The payload as the record its kind's producer queued. A payload of another shape is a bug in
   * this service (only it writes work items), so it fails the attempt rather than answering a 4xx.
   */
  public <T> T payloadAs(ObjectMapper json, Class<T> type) {
    try {
      return json.treeToValue(payload, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "work item " + id + " does not hold a " + type.getSimpleName(), e);
    }
  }
}

package dev.assay.queue;

import com.fasterxml.jackson.databind.JsonNode;
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
    UUID leaseToken) {}

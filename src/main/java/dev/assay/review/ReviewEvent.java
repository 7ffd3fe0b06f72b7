package dev.assay.review;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** One event in a grade's history: who did what, when, and why. */
public record ReviewEvent(
    EventKind kind,
    UUID actorKey,
    ReasonCode reasonCode,
    String reason,
    Double overallScore,
    Map<String, Double> criteria,
    OffsetDateTime expiresAt,
    OffsetDateTime at) {}

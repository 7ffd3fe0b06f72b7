package dev.assay.exemplar;

/**
 * Fired when the set of active exemplars of a workspace changed (created, updated, deactivated or
 * admitted from pending), after the change is committed, so models learned from exemplars can be
 * refreshed.
 */
public record ExemplarsChanged(long workspaceId) {}

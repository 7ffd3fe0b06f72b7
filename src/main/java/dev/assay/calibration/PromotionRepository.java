package dev.assay.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.platform.ApiException;
import dev.assay.platform.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Promotion requests and the gate's decisions. */
@ApplicationScoped
class PromotionRepository {
  private static final String COLUMNS =
      """
      p.id, coalesce(cc.name || '@' || cc.version, 'deployment-default@0') AS candidate,
      coalesce(bc.name || '@' || bc.version, 'deployment-default@0') AS baseline,
      p.include_pending, p.status, p.candidate_run_id, p.baseline_run_id, p.decision,
      p.activated_exemplars, p.created_at, p.decided_at, p.scoring_model_version
      """;
  private static final String FROM =
      " FROM promotion p LEFT JOIN grader_config cc ON cc.id = p.candidate_config_id"
          + " LEFT JOIN grader_config bc ON bc.id = p.baseline_config_id";

  private final Jdbc jdbc;
  private final ObjectMapper json;

  PromotionRepository(Jdbc jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** A promotion as the API shows it. */
  record PromotionView(
      UUID id,
      String candidate,
      String activeAtRequest,
      boolean includePendingExemplars,
      String status,
      UUID candidateRunId,
      UUID activeRunId,
      JsonNode decision,
      List<String> activatedExemplars,
      OffsetDateTime createdAt,
      OffsetDateTime decidedAt,
      Integer scoringModel) {}

  /** Records a request; false when another promotion of the workspace is still evaluating. */
  boolean insert(
      UUID id,
      long workspaceId,
      Long candidateConfigId,
      Long baselineConfigId,
      boolean includePending,
      Integer scoringModelVersion,
      UUID createdBy) {
    return jdbc.update(
            "record a promotion request",
            "INSERT INTO promotion (id, workspace_id, candidate_config_id, baseline_config_id,"
                + " include_pending, scoring_model_version, status, created_by)"
                + " VALUES (?, ?, ?, ?, ?, ?, 'evaluating', ?)"
                + " ON CONFLICT (workspace_id) WHERE status = 'evaluating' DO NOTHING",
            id,
            workspaceId,
            candidateConfigId,
            baselineConfigId,
            includePending,
            scoringModelVersion,
            createdBy)
        == 1;
  }

  /** The gate is still working on it. */
  void touch(UUID id) {
    jdbc.update("record gate progress", "UPDATE promotion SET updated_at = now() WHERE id = ?", id);
  }

  /**
   * The workspace's evaluating promotion if it has shown no progress for {@code minutes} (the
   * caller checks whether the work queue still holds it before retiring it).
   */
  java.util.Optional<UUID> staleEvaluating(long workspaceId, int minutes) {
    return jdbc.first(
        "find a quiet gate",
        "SELECT id FROM promotion WHERE workspace_id = ? AND status = 'evaluating'"
            + " AND updated_at < now() - make_interval(mins => ?)",
        r -> r.uuid("id"),
        workspaceId,
        minutes);
  }

  void runs(UUID id, UUID baselineRun, UUID candidateRun) {
    jdbc.update(
        "link the gate runs",
        "UPDATE promotion SET baseline_run_id = ?, candidate_run_id = ? WHERE id = ?",
        baselineRun,
        candidateRun,
        id);
  }

  /** Records the outcome of a gate still evaluating (a decided one keeps its decision). */
  void decide(UUID id, String status, Object decision, List<String> activated) {
    jdbc.update(
        "record the gate's decision",
        "UPDATE promotion SET status = ?, decision = ?, activated_exemplars = ?,"
            + " decided_at = now() WHERE id = ? AND status = 'evaluating'",
        status,
        jdbc.json(decision),
        new Jdbc.SqlArray("text", activated.toArray()),
        id);
  }

  PromotionView get(long workspaceId, UUID id) {
    return jdbc.first(
            "read a promotion",
            "SELECT " + COLUMNS + FROM + " WHERE p.workspace_id = ? AND p.id = ?",
            this::view,
            workspaceId,
            id)
        .orElseThrow(() -> ApiException.notFound("promotion", id.toString()));
  }

  List<PromotionView> list(long workspaceId, int page, int size) {
    return jdbc.list(
        "list promotions",
        "SELECT "
            + COLUMNS
            + FROM
            + " WHERE p.workspace_id = ? ORDER BY p.created_at DESC, p.id LIMIT ? OFFSET ?",
        this::view,
        workspaceId,
        size,
        (long) page * size);
  }

  private PromotionView view(Jdbc.Row r) throws SQLException {
    return new PromotionView(
        r.uuid("id"),
        r.string("candidate"),
        r.string("baseline"),
        r.bool("include_pending"),
        r.string("status"),
        r.uuid("candidate_run_id"),
        r.uuid("baseline_run_id"),
        r.json("decision", JsonNode.class),
        r.strings("activated_exemplars"),
        r.time("created_at"),
        r.time("decided_at"),
        r.nullableInt("scoring_model_version"));
  }
}

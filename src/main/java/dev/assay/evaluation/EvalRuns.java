package dev.assay.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.grading.GraderConfig;
import dev.assay.platform.ApiException;
import dev.assay.platform.Jdbc;
import dev.assay.queue.WorkItem;
import dev.assay.queue.WorkQueue;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Stored evaluation runs: what was graded with what, how far it got, and the finished report (JSON
 * and the self-contained HTML page), so the service can serve every run's report.
 */
@ApplicationScoped
public class EvalRuns {
  private static final String COLUMNS =
      "id, purpose, dataset, grader, options, status, graded, total, error, created_at,"
          + " finished_at";

  private final Jdbc jdbc;
  private final WorkQueue queue;
  private final ObjectMapper json;
  // Reports stored by older versions may carry fields this one no longer has.
  private final ObjectMapper tolerant;

  EvalRuns(Jdbc jdbc, ObjectMapper json, WorkQueue queue) {
    this.jdbc = jdbc;
    this.queue = queue;
    this.json = json;
    this.tolerant =
        json.copy()
            .disable(
                com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /** A run without its report. {@code grader} and {@code options} are as stored. */
  public record RunView(
      UUID id,
      String purpose,
      String dataset,
      JsonNode grader,
      JsonNode options,
      String status,
      int graded,
      int total,
      String error,
      OffsetDateTime createdAt,
      OffsetDateTime finishedAt) {}

  /** A run with its JSON report (null until it is done). */
  public record RunDetail(RunView run, JsonNode report) {}

  /** Records a run about to start ({@code queued}); its id names it in reports and the API. */
  public UUID start(
      long workspaceId,
      String purpose,
      String dataset,
      GraderConfig config,
      EvalOptions options,
      UUID createdBy) {
    UUID id = UUID.randomUUID();
    Map<String, Object> grader = new LinkedHashMap<>();
    grader.put("ref", config.ref());
    grader.put("spec", config.spec());
    grader.put("specHash", config.specHash());
    Map<String, Object> stored = new LinkedHashMap<>();
    stored.put("protocol", options.protocol());
    stored.put("bank", options.bank());
    stored.put("ablations", options.ablations());
    jdbc.update(
        "record an evaluation run",
        "INSERT INTO eval_run (id, workspace_id, purpose, dataset, grader, options, status,"
            + " created_by) VALUES (?, ?, ?, ?, ?, ?, 'queued', ?)",
        id,
        workspaceId,
        purpose,
        dataset,
        jdbc.json(grader),
        jdbc.json(stored),
        createdBy);
    return id;
  }

  public void progress(UUID id, int graded, int total) {
    jdbc.update(
        "record evaluation progress",
        "UPDATE eval_run SET status = 'running', graded = ?, total = ?, updated_at = now()"
            + " WHERE id = ?",
        graded,
        total,
        id);
  }

  public void finish(UUID id, EvalReport report, String html) {
    jdbc.update(
        "store an evaluation report",
        "UPDATE eval_run SET status = 'done', graded = ?, total = ?, report = ?, html = ?,"
            + " finished_at = now() WHERE id = ?",
        report.gradedRows(),
        report.gradedRows(),
        jdbc.json(report),
        html,
        id);
  }

  public void fail(UUID id, Exception cause) {
    fail(id, cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
  }

  /** Records the run as failed with {@code reason}, unless it already finished. */
  public void fail(UUID id, String reason) {
    jdbc.update(
        "record a failed evaluation run",
        "UPDATE eval_run SET status = 'failed', error = ?, finished_at = now(), updated_at = now()"
            + " WHERE id = ? AND status IN ('queued', 'running')",
        reason,
        id);
  }

  /** Names the queue claim that grades the run from now on (a new attempt restarts it). */
  void claimed(UUID id, WorkItem claim) {
    jdbc.update(
        "record an evaluation run's claim",
        "UPDATE eval_run SET status = 'running', graded = 0, work_item_id = ?, work_attempt = ?,"
            + " updated_at = now() WHERE id = ?",
        claim.id(),
        claim.attempts(),
        id);
  }

  private record Unfinished(UUID id, Long workItemId, Integer workAttempt, boolean quiet) {}

  /**
   * Fails the runs nobody grades any more: a gate's run whose claim's lease ran out or was taken
   * over by a later attempt (an API run is the queue's to retry or fail), or (for runs outside the
   * queue, such as the command line's) no progress for {@code quietFor}. Returns how many it
   * retired.
   */
  public int retire(java.time.Duration quietFor) {
    List<Unfinished> open =
        jdbc.list(
            "find unfinished evaluation runs",
            "SELECT id, work_item_id, work_attempt,"
                + " updated_at < now() - ? * interval '1 millisecond' AS quiet"
                + " FROM eval_run WHERE status IN ('queued', 'running')",
            r ->
                new Unfinished(
                    r.uuid("id"),
                    r.nullableLong("work_item_id"),
                    r.nullableInt("work_attempt"),
                    r.bool("quiet")),
            quietFor.toMillis());
    int retired = 0;
    for (Unfinished run : open) {
      String reason = abandoned(run, quietFor);
      if (reason != null) {
        fail(run.id(), reason);
        retired++;
      }
    }
    return retired;
  }

  private String abandoned(Unfinished run, java.time.Duration quietFor) {
    if (queue.pending(run.id())) {
      return null; // an API run the queue still holds: it finishes it or fails it with the reason
    }
    if (run.workItemId() != null) {
      return queue.holds(run.workItemId(), run.workAttempt())
          ? null
          : "abandoned: the instance grading it stopped (its queue lease expired); the gate runs"
              + " again as a new attempt";
    }
    if (!run.quiet()) {
      return null;
    }
    return "abandoned: no progress for " + quietFor.toMinutes() + " minutes (its process stopped?)";
  }

  /** The workspace's runs, newest first. */
  public List<RunView> list(long workspaceId, int page, int size) {
    return jdbc.list(
        "list evaluation runs",
        "SELECT "
            + COLUMNS
            + " FROM eval_run WHERE workspace_id = ? ORDER BY created_at DESC, id LIMIT ? OFFSET ?",
        this::view,
        workspaceId,
        size,
        (long) page * size);
  }

  /** A run of the workspace (of any workspace when {@code workspaceId} is null); 404 if absent. */
  public RunDetail get(Long workspaceId, UUID id) {
    return jdbc.first(
            "read an evaluation run",
            "SELECT "
                + COLUMNS
                + ", report FROM eval_run WHERE (?::bigint IS NULL OR workspace_id = ?) AND id = ?",
            r -> new RunDetail(view(r), r.json("report", JsonNode.class)),
            workspaceId,
            workspaceId,
            id)
        .orElseThrow(() -> ApiException.notFound("evaluation run", id.toString()));
  }

  /** The finished run's report as it was stored, typed. */
  public EvalReport report(Long workspaceId, UUID id) {
    JsonNode node = get(workspaceId, id).report();
    if (node == null) {
      throw ApiException.conflict("run-not-finished", "evaluation run " + id + " has no report");
    }
    try {
      return tolerant.treeToValue(node, EvalReport.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored report of " + id + " is not a report", e);
    }
  }

  /** The HTML page of a finished run; 404 until there is one. */
  public String html(long workspaceId, UUID id) {
    return jdbc.first(
            "read an evaluation report",
            "SELECT html FROM eval_run WHERE workspace_id = ? AND id = ? AND html IS NOT NULL",
            r -> r.string("html"),
            workspaceId,
            id)
        .orElseThrow(() -> ApiException.notFound("evaluation report", id.toString()));
  }

  private RunView view(Jdbc.Row r) throws SQLException {
    return new RunView(
        r.uuid("id"),
        r.string("purpose"),
        r.string("dataset"),
        r.json("grader", JsonNode.class),
        r.json("options", JsonNode.class),
        r.string("status"),
        r.intValue("graded"),
        r.intValue("total"),
        r.string("error"),
        r.time("created_at"),
        r.time("finished_at"));
  }
}

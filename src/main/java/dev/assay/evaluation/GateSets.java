package dev.assay.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.platform.ApiException;
import dev.assay.platform.Jdbc;
import dev.assay.workspace.WorkspaceRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Each workspace's gate set: human-scored answers to its own questions (eval-set rows whose {@code
 * question_id} is a question id of the workspace) on which a candidate grader configuration must
 * not do worse than the active one. The default workspace starts with the built-in bank's gold set.
 */
@ApplicationScoped
public class GateSets {
  static final String BUILT_IN = "eval-sets/assay-bank-gold.jsonl";

  private final Jdbc jdbc;
  private final ObjectMapper json;
  private final WorkspaceRepository workspaces;

  GateSets(Jdbc jdbc, ObjectMapper json, WorkspaceRepository workspaces) {
    this.jdbc = jdbc;
    this.json = json;
    this.workspaces = workspaces;
  }

  /** A gate set and when it was last replaced. */
  public record GateSet(String name, List<EvalRow> rows, OffsetDateTime updatedAt) {}

  public Optional<GateSet> find(long workspaceId) {
    return jdbc.first(
        "read the gate set",
        "SELECT name, rows, updated_at FROM gate_set WHERE workspace_id = ?",
        r -> new GateSet(r.string("name"), rows(r.string("rows")), r.time("updated_at")),
        workspaceId);
  }

  /** The workspace's gate set; 409 when it has none. */
  public GateSet require(long workspaceId) {
    return find(workspaceId)
        .orElseThrow(
            () ->
                ApiException.conflict(
                    "no-gate-set",
                    "this workspace has no gate set yet: PUT /api/v1/gate-set with scored answers"));
  }

  /** Replaces the workspace's gate set (400 for rows that cannot be evaluated). */
  public GateSet replace(long workspaceId, String name, List<EvalRow> rows, UUID updatedBy) {
    var problems = EvalSet.problems(rows);
    if (!problems.isEmpty()) {
      throw ApiException.badFields(problems);
    }
    jdbc.update(
        "store the gate set",
        """
        INSERT INTO gate_set (workspace_id, name, rows, row_count, updated_by) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (workspace_id) DO UPDATE SET name = EXCLUDED.name, rows = EXCLUDED.rows,
            row_count = EXCLUDED.row_count, updated_by = EXCLUDED.updated_by, updated_at = now()
        """,
        workspaceId,
        name,
        jdbc.json(rows),
        rows.size(),
        updatedBy);
    return require(workspaceId);
  }

  /** Gives the default workspace the built-in gold set unless it already has a gate set. */
  void onStart(@Observes @Priority(2000) StartupEvent event) {
    long workspaceId =
        QuarkusTransaction.requiringNew().call(() -> workspaces.defaultWorkspace().id);
    // Only whether one is there: reading it would parse the whole stored set on every start.
    boolean seeded =
        jdbc.first(
                "look for the gate set",
                "SELECT 1 AS one FROM gate_set WHERE workspace_id = ?",
                r -> true,
                workspaceId)
            .isPresent();
    if (!seeded) {
      List<EvalRow> gold = EvalSet.readResource(BUILT_IN);
      jdbc.update(
          "seed the gate set",
          "INSERT INTO gate_set (workspace_id, name, rows, row_count) VALUES (?, ?, ?, ?)"
              + " ON CONFLICT (workspace_id) DO NOTHING",
          workspaceId,
          "assay-bank-gold",
          jdbc.json(gold),
          gold.size());
    }
  }

  private List<EvalRow> rows(String text) {
    try {
      return json.readValue(text, new TypeReference<List<EvalRow>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored gate set is not valid JSON", e);
    }
  }
}

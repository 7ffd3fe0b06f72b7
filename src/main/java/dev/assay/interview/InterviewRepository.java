package dev.assay.interview;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.assay.platform.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Interview rows, through plain JDBC, mapped by column name. */
@ApplicationScoped
class InterviewRepository {
  private static final TypeReference<Map<String, Double>> WEIGHTS = new TypeReference<>() {};
  private static final String COLUMNS =
      "id, candidate_ref, role_id, role_name, area_weights, planned_questions, created_by_key,"
          + " created_at";

  private final Jdbc jdbc;

  InterviewRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  void insert(long workspaceId, Interview interview) {
    jdbc.update(
        "record an interview",
        "INSERT INTO interview (id, workspace_id, candidate_ref, role_id, role_name, area_weights,"
            + " planned_questions, created_by_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        interview.id(),
        workspaceId,
        interview.candidateRef(),
        interview.role().id(),
        interview.role().name(),
        jdbc.json(interview.role().areaWeights()),
        new Jdbc.SqlArray("text", interview.plannedQuestions().toArray()),
        interview.createdBy(),
        interview.createdAt());
  }

  /** The interview of the workspace; with {@code owner}, only if that key created it. */
  Optional<Interview> find(long workspaceId, UUID id, UUID owner) {
    return jdbc.first(
        "read an interview",
        "SELECT "
            + COLUMNS
            + " FROM interview WHERE workspace_id = ? AND id = ?"
            + " AND (?::uuid IS NULL OR created_by_key = ?)",
        this::map,
        workspaceId,
        id,
        owner,
        owner);
  }

  /** Filters of the interview list; null fields do not filter. */
  record Filter(String roleId, String candidateRef, UUID owner) {}

  List<Interview> list(long workspaceId, Filter filter, int page, int size) {
    List<Object> args = new ArrayList<>(params(workspaceId, filter));
    args.add(size);
    args.add((long) page * size);
    return jdbc.list(
        "list interviews",
        "SELECT " + COLUMNS + WHERE + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?",
        this::map,
        args.toArray());
  }

  long count(long workspaceId, Filter filter) {
    return jdbc.first(
            "count interviews",
            "SELECT count(*) AS n" + WHERE,
            rs -> rs.longValue("n"),
            params(workspaceId, filter).toArray())
        .orElse(0L);
  }

  private static final String WHERE =
      " FROM interview WHERE workspace_id = ?"
          + " AND (?::text IS NULL OR role_id = ?)"
          + " AND (?::text IS NULL OR candidate_ref = ?)"
          + " AND (?::uuid IS NULL OR created_by_key = ?)";

  private static List<Object> params(long workspaceId, Filter f) {
    return Arrays.asList(
        workspaceId,
        f.roleId(),
        f.roleId(),
        f.candidateRef(),
        f.candidateRef(),
        f.owner(),
        f.owner());
  }

  private Interview map(Jdbc.Row rs) throws SQLException {
    return new Interview(
        rs.uuid("id"),
        rs.string("candidate_ref"),
        new Interview.RoleWeights(
            rs.string("role_id"), rs.string("role_name"), rs.json("area_weights", WEIGHTS)),
        rs.strings("planned_questions"),
        rs.uuid("created_by_key"),
        rs.time("created_at"));
  }
}

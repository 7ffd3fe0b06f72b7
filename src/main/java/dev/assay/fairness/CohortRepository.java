package dev.assay.fairness;

import dev.assay.platform.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The only reader and writer of {@code candidate_cohort}. */
@ApplicationScoped
class CohortRepository {
  private final Jdbc jdbc;

  CohortRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** One stored attribute of a candidate. */
  record Row(String attribute, String value, OffsetDateTime recordedAt) {}

  /**
   * Replaces the candidate's attributes with {@code attributes}, in one statement: the attributes
   * no longer given are deleted and the given ones upserted. (A CTE that deletes every row and an
   * insert of the same keys would collide: both parts of a statement see the same snapshot.)
   */
  void replace(long workspaceId, String candidateRef, Map<String, String> attributes, UUID by) {
    Jdbc.SqlArray keys = new Jdbc.SqlArray("text", attributes.keySet().toArray(String[]::new));
    Jdbc.SqlArray values = new Jdbc.SqlArray("text", attributes.values().toArray(String[]::new));
    jdbc.update(
        "record cohort attributes",
        """
        WITH gone AS (
            DELETE FROM candidate_cohort
            WHERE workspace_id = ? AND candidate_ref = ? AND attribute <> ALL (?::text[]))
        INSERT INTO candidate_cohort (workspace_id, candidate_ref, attribute, value, recorded_by_key)
        SELECT ?, ?, a, v, ? FROM unnest(?::text[], ?::text[]) AS t (a, v)
        ON CONFLICT (workspace_id, candidate_ref, attribute) DO UPDATE
            SET value = excluded.value, recorded_by_key = excluded.recorded_by_key,
                recorded_at = now()
        """,
        workspaceId,
        candidateRef,
        keys,
        workspaceId,
        candidateRef,
        by,
        keys,
        values);
  }

  List<Row> of(long workspaceId, String candidateRef) {
    return jdbc.list(
        "read cohort attributes",
        "SELECT attribute, value, recorded_at FROM candidate_cohort"
            + " WHERE workspace_id = ? AND candidate_ref = ? ORDER BY attribute",
        rs -> new Row(rs.string("attribute"), rs.string("value"), rs.time("recorded_at")),
        workspaceId,
        candidateRef);
  }

  int delete(long workspaceId, String candidateRef) {
    return jdbc.update(
        "delete cohort attributes",
        "DELETE FROM candidate_cohort WHERE workspace_id = ? AND candidate_ref = ?",
        workspaceId,
        candidateRef);
  }

  /** Each candidate's value of {@code attribute}, by candidate. */
  Map<String, String> valuesOf(long workspaceId, String attribute) {
    return jdbc
        .list(
            "read a cohort attribute",
            "SELECT candidate_ref, value FROM candidate_cohort"
                + " WHERE workspace_id = ? AND attribute = ?",
            rs -> Map.entry(rs.string("candidate_ref"), rs.string("value")),
            workspaceId,
            attribute)
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** A value of an attribute and how many candidates reported it. */
  record ValueCount(String attribute, String value, long candidates) {}

  List<ValueCount> counts(long workspaceId) {
    return jdbc.list(
        "count cohort values",
        "SELECT attribute, value, count(*) AS candidates FROM candidate_cohort"
            + " WHERE workspace_id = ? GROUP BY attribute, value ORDER BY attribute, value",
        rs ->
            new ValueCount(rs.string("attribute"), rs.string("value"), rs.longValue("candidates")),
        workspaceId);
  }
}

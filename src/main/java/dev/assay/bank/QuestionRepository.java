package dev.assay.bank;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The {@code question} table: a workspace's questions by slug, filtered pages, the write lock. */
@ApplicationScoped
class QuestionRepository implements PanacheRepository<Question> {

  Optional<Question> bySlug(long workspaceId, String slug) {
    return find("workspaceId = ?1 and slug = ?2", workspaceId, slug).firstResultOptional();
  }

  Map<String, Question> bySlugs(long workspaceId, Collection<String> slugs) {
    return find("workspaceId = ?1 and slug in ?2", workspaceId, slugs).stream()
        .collect(Collectors.toMap(q -> q.slug, Function.identity()));
  }

  /** Questions by database id (any workspace). */
  Map<Long, Question> byIds(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    return find("id in ?1", ids).stream().collect(Collectors.toMap(q -> q.id, Function.identity()));
  }

  /** Database ids of the workspace's questions. */
  List<Long> idsOf(long workspaceId) {
    return find("workspaceId", Sort.by("id"), workspaceId).stream().map(q -> q.id).toList();
  }

  /** One page of questions, optionally filtered by area and tag, ordered by area then slug. */
  List<Question> page(long workspaceId, String area, String tag, int page, int size) {
    return filtered(workspaceId, area, tag, Sort.by("areaKey").and("slug")).page(page, size).list();
  }

  long count(long workspaceId, String area, String tag) {
    return filtered(workspaceId, area, tag, null).count();
  }

  private PanacheQuery<Question> filtered(long workspaceId, String area, String tag, Sort sort) {
    Parameters params = Parameters.with("ws", workspaceId);
    String where = "workspaceId = :ws";
    if (area != null) {
      where += " and areaKey = :area";
      params = params.and("area", area);
    }
    if (tag != null) {
      where += " and array_contains(tags, :tag)";
      params = params.and("tag", tag);
    }
    return sort == null ? find(where, params) : find(where, sort, params);
  }

  /** Serialises bank writes of one workspace for the rest of the transaction. */
  void lockWorkspace(long workspaceId) {
    getEntityManager()
        .createNativeQuery("select pg_advisory_xact_lock(:key)")
        .setParameter("key", 0x4153_0000_0000L + workspaceId)
        .getSingleResult();
  }
}

package dev.assay.bank;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Queries over questions, rubric versions, areas and role profiles of one workspace. */
@ApplicationScoped
class BankRepository {

  private EntityManager em() {
    return Panache.getEntityManager();
  }

  Optional<Question> question(long workspaceId, String slug) {
    return em().createQuery(
            "from Question where workspaceId = :ws and slug = :slug", Question.class)
        .setParameter("ws", workspaceId)
        .setParameter("slug", slug)
        .getResultStream()
        .findFirst();
  }

  Map<String, Question> questions(long workspaceId, Collection<String> slugs) {
    return em().createQuery(
            "from Question where workspaceId = :ws and slug in :slugs", Question.class)
        .setParameter("ws", workspaceId)
        .setParameter("slugs", slugs)
        .getResultStream()
        .collect(Collectors.toMap(q -> q.slug, Function.identity()));
  }

  /** One page of questions, optionally filtered by area and tag, ordered by area then slug. */
  List<Question> page(long workspaceId, String area, String tag, int page, int size) {
    return filtered(
            "from Question" + where(area, tag) + " order by areaKey, slug",
            Question.class,
            workspaceId,
            area,
            tag)
        .setFirstResult(page * size)
        .setMaxResults(size)
        .getResultList();
  }

  long count(long workspaceId, String area, String tag) {
    return filtered(
            "select count(*) from Question" + where(area, tag), Long.class, workspaceId, area, tag)
        .getSingleResult();
  }

  private static String where(String area, String tag) {
    return " where workspaceId = :ws"
        + (area == null ? "" : " and areaKey = :area")
        + (tag == null ? "" : " and array_contains(tags, :tag)");
  }

  private <T> TypedQuery<T> filtered(
      String hql, Class<T> type, long workspaceId, String area, String tag) {
    TypedQuery<T> query = em().createQuery(hql, type).setParameter("ws", workspaceId);
    if (area != null) {
      query.setParameter("area", area);
    }
    if (tag != null) {
      query.setParameter("tag", tag);
    }
    return query;
  }

  /** The latest (active) rubric version of each question. */
  Map<Long, RubricVersion> activeRubrics(Collection<Long> questionIds) {
    if (questionIds.isEmpty()) {
      return Map.of();
    }
    return em().createQuery(
            """
            from RubricVersion r where r.questionId in :ids and r.version =
              (select max(r2.version) from RubricVersion r2 where r2.questionId = r.questionId)
            """,
            RubricVersion.class)
        .setParameter("ids", questionIds)
        .getResultStream()
        .collect(Collectors.toMap(r -> r.questionId, Function.identity()));
  }

  List<RubricVersion> rubricVersions(long questionId) {
    return em().createQuery(
            "from RubricVersion where questionId = :q order by version", RubricVersion.class)
        .setParameter("q", questionId)
        .getResultList();
  }

  Map<String, Area> areas(long workspaceId) {
    return em().createQuery("from Area where workspaceId = :ws", Area.class)
        .setParameter("ws", workspaceId)
        .getResultStream()
        .collect(Collectors.toMap(a -> a.key, Function.identity()));
  }

  List<RoleProfile> roles(long workspaceId) {
    return em().createQuery(
            "from RoleProfile where workspaceId = :ws order by slug", RoleProfile.class)
        .setParameter("ws", workspaceId)
        .getResultList();
  }

  void persist(Object entity) {
    em().persist(entity);
  }

  /** Serialises bank writes of one workspace for the rest of the transaction. */
  void lockWorkspace(long workspaceId) {
    em().createNativeQuery("select pg_advisory_xact_lock(:key)")
        .setParameter("key", 0x4153_0000_0000L + workspaceId)
        .getSingleResult();
  }
}

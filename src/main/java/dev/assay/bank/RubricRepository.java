package dev.assay.bank;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The immutable {@code rubric_version} rows; the active rubric is the highest version. */
@ApplicationScoped
class RubricRepository implements PanacheRepository<RubricVersion> {

  /** The latest (active) rubric version of each question. */
  Map<Long, RubricVersion> active(Collection<Long> questionIds) {
    if (questionIds.isEmpty()) {
      return Map.of();
    }
    return find(
            """
            from RubricVersion r where r.questionId in ?1 and r.version =
              (select max(r2.version) from RubricVersion r2 where r2.questionId = r.questionId)
            """,
            questionIds)
        .stream()
        .collect(Collectors.toMap(r -> r.questionId, Function.identity()));
  }

  List<RubricVersion> versions(long questionId) {
    return find("questionId", Sort.by("version"), questionId).list();
  }

  Map<Long, RubricVersion> byIds(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    return find("id in ?1", ids).stream().collect(Collectors.toMap(r -> r.id, Function.identity()));
  }

  /** The highest version number of each question. */
  Map<Long, Integer> latestVersions(Collection<Long> questionIds) {
    return active(questionIds).values().stream()
        .collect(Collectors.toMap(r -> r.questionId, r -> r.version));
  }
}

package dev.assay.bank;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rubric versions as other features see them: the version a grade was made under, its question and
 * whether the question has moved on to a newer version since.
 */
@ApplicationScoped
public class Rubrics {
  private final RubricRepository rubrics;
  private final QuestionRepository questions;

  Rubrics(RubricRepository rubrics, QuestionRepository questions) {
    this.rubrics = rubrics;
    this.questions = questions;
  }

  /**
   * One rubric version: its question's id, slug, title and prompt, its version number, whether a
   * newer version exists ({@code stale}), and the rubric itself.
   */
  public record Ref(
      long id,
      long questionId,
      String questionSlug,
      String questionTitle,
      String questionPrompt,
      int version,
      boolean stale,
      RubricSpec rubric) {}

  /** The rubric versions with these ids (unknown ids are left out). */
  public Map<Long, Ref> refs(Collection<Long> rubricVersionIds) {
    if (rubricVersionIds.isEmpty()) {
      return Map.of();
    }
    return QuarkusTransaction.joiningExisting()
        .call(
            () -> {
              Map<Long, RubricVersion> versions = rubrics.byIds(rubricVersionIds);
              List<Long> questionIds =
                  versions.values().stream().map(r -> r.questionId).distinct().toList();
              Map<Long, Question> owners = questions.byIds(questionIds);
              Map<Long, Integer> latest = rubrics.latestVersions(questionIds);
              Map<Long, Ref> out = new HashMap<>();
              versions.forEach(
                  (id, r) ->
                      out.put(
                          id,
                          new Ref(
                              id,
                              r.questionId,
                              owners.get(r.questionId).slug,
                              owners.get(r.questionId).title,
                              owners.get(r.questionId).prompt,
                              r.version,
                              r.version < latest.get(r.questionId),
                              new RubricSpec(r.scale, r.criteria))));
              return out;
            });
  }

  /** One rubric version; it exists (a grade or an exemplar refers to it). */
  public Ref ref(long rubricVersionId) {
    return refs(List.of(rubricVersionId)).get(rubricVersionId);
  }

  /** Ids of the workspace's rubric versions that a newer version of their question replaced. */
  public List<Long> staleIds(long workspaceId) {
    return QuarkusTransaction.joiningExisting()
        .call(
            () -> {
              List<Long> questionIds = questions.idsOf(workspaceId);
              if (questionIds.isEmpty()) {
                return List.of();
              }
              Map<Long, Integer> latest = rubrics.latestVersions(questionIds);
              return rubrics.list("questionId in ?1", questionIds).stream()
                  .filter(r -> r.version < latest.get(r.questionId))
                  .map(r -> r.id)
                  .toList();
            });
  }
}

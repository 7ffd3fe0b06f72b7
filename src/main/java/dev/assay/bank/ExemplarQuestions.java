package dev.assay.bank;

import dev.assay.exemplar.QuestionDirectory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The bank's answers to the exemplar store's questions about questions and rubric versions. */
@ApplicationScoped
class ExemplarQuestions implements QuestionDirectory {
  private final QuestionRepository questions;
  private final RubricRepository rubrics;

  ExemplarQuestions(QuestionRepository questions, RubricRepository rubrics) {
    this.questions = questions;
    this.rubrics = rubrics;
  }

  @Override
  public long workspaceOf(long questionId) {
    return QuarkusTransaction.joiningExisting()
        .call(() -> questions.findByIdOptional(questionId).orElseThrow().workspaceId);
  }

  @Override
  public Set<Long> workspacesOf(Collection<Long> questionIds) {
    if (questionIds.isEmpty()) {
      return Set.of();
    }
    return QuarkusTransaction.joiningExisting()
        .call(
            () ->
                questions.list("id in ?1", questionIds).stream()
                    .map(q -> q.workspaceId)
                    .collect(Collectors.toSet()));
  }

  @Override
  public Map<Long, QuestionFacts> questions(long workspaceId) {
    return QuarkusTransaction.joiningExisting()
        .call(
            () -> {
              List<Long> ids = questions.idsOf(workspaceId);
              Map<Long, Question> rows = questions.byIds(ids);
              Map<Long, RubricVersion> active = rubrics.active(ids);
              Map<Long, QuestionFacts> out = new LinkedHashMap<>();
              for (long id : ids) {
                Question q = rows.get(id);
                out.put(id, new QuestionFacts(id, q.slug, q.prompt, active.get(id).scale));
              }
              return out;
            });
  }

  @Override
  public Map<Long, Integer> rubricVersionNumbers(long questionId) {
    return QuarkusTransaction.joiningExisting()
        .call(
            () ->
                rubrics.versions(questionId).stream()
                    .collect(Collectors.toMap(r -> r.id, r -> r.version)));
  }
}

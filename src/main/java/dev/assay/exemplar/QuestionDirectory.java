package dev.assay.exemplar;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * What the exemplar store needs to know about questions and rubric versions, answered by the
 * package that owns them ({@code bank}, which depends on this one, implements it).
 */
public interface QuestionDirectory {
  /** A question: its slug, its prompt and the scale of its active rubric. */
  record QuestionFacts(long id, String slug, String prompt, int scale) {}

  /** The workspace a question belongs to. */
  long workspaceOf(long questionId);

  /** The workspaces the given questions belong to (each once). */
  Set<Long> workspacesOf(Collection<Long> questionIds);

  /** The workspace's questions by id, in id order. */
  Map<Long, QuestionFacts> questions(long workspaceId);

  /** The version number of each of a question's rubric versions, by rubric version id. */
  Map<Long, Integer> rubricVersionNumbers(long questionId);
}

package dev.assay.review;

import dev.assay.grading.GradeFacts;
import dev.assay.grading.GradeQuery;
import dev.assay.grading.GradeRequest;
import dev.assay.grading.GradeView;
import dev.assay.grading.GradingMode;
import dev.assay.grading.GradingService;
import dev.assay.llm.LlmConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Re-grades grades made under an older rubric version: a dry run counts them and estimates LLM
 * tokens; executing grades each answer again as a new grade record (the old one is kept and its
 * history points to the new one).
 */
@ApplicationScoped
class RegradeService {
  /** Per-grade token estimate when no LLM grade of these answers has been logged yet. */
  private static final int DEFAULT_TOKENS_PER_GRADE = 2500;

  private static final int MAX_PER_PLAN = 1000;

  private final GradingService grading;
  private final ReviewRepository repository;
  private final GradeFacts facts;
  private final LlmConfig llm;

  RegradeService(
      GradingService grading, ReviewRepository repository, GradeFacts facts, LlmConfig llm) {
    this.grading = grading;
    this.repository = repository;
    this.facts = facts;
    this.llm = llm;
  }

  /** One re-graded answer: the old grade, the new one, and both overall scores. */
  record Regraded(UUID from, UUID to, double before, double after) {}

  /** What a plan covers, what it would cost, and (when executed) what it did. */
  record Plan(
      int grades,
      long estimatedLlmTokens,
      String estimateBasis,
      GradingMode grader,
      boolean executed,
      List<Regraded> regraded) {}

  Plan plan(long workspaceId, String questionId, boolean execute, UUID actor) {
    List<GradeView> stale = stale(workspaceId, questionId);
    long tokens = 0;
    String basis = "offline grader: no LLM tokens";
    if (llm.enabled()) {
      List<GradeView> llmGrades = stale.stream().filter(g -> g.mode() == GradingMode.LLM).toList();
      long perGrade =
          llmGrades.isEmpty()
              ? DEFAULT_TOKENS_PER_GRADE
              : llmGrades.stream().mapToLong(g -> g.inputTokens() + g.outputTokens()).sum()
                  / llmGrades.size();
      tokens = perGrade * stale.size();
      basis =
          llmGrades.isEmpty()
              ? "default estimate of " + DEFAULT_TOKENS_PER_GRADE + " tokens per grade"
              : "mean tokens of these answers' logged LLM grades (" + perGrade + " per grade)";
    }
    List<Regraded> done = new ArrayList<>();
    if (execute) {
      for (GradeView old : stale) {
        UUID owner = facts.gradedBy(old.id()).orElse(null);
        GradeView fresh =
            grading
                .grade(
                    workspaceId,
                    new GradeRequest(
                        old.questionId(), old.answer(), old.candidateRef(), old.tags()),
                    null,
                    owner)
                .grade();
        repository.regraded(workspaceId, old.id(), actor, fresh.id());
        done.add(
            new Regraded(old.id(), fresh.id(), old.overall().score(), fresh.overall().score()));
      }
    }
    return new Plan(
        stale.size(),
        tokens,
        basis,
        llm.enabled() ? GradingMode.LLM : GradingMode.OFFLINE,
        execute,
        done);
  }

  /** Stale grades of the workspace (or one question) not yet re-graded, oldest first. */
  private List<GradeView> stale(long workspaceId, String questionId) {
    List<GradeView> all = new ArrayList<>();
    GradeQuery query = new GradeQuery(questionId, null, null, null, null, null, true);
    for (int page = 0; all.size() < MAX_PER_PLAN * 2; page++) {
      List<GradeView> items = grading.list(workspaceId, query, null, page, 200).items();
      all.addAll(items);
      if (items.size() < 200) {
        break;
      }
    }
    Set<UUID> regraded = repository.alreadyRegraded(all.stream().map(GradeView::id).toList());
    List<GradeView> out =
        new ArrayList<>(all.stream().filter(g -> !regraded.contains(g.id())).toList());
    java.util.Collections.reverse(out);
    return out.subList(0, Math.min(out.size(), MAX_PER_PLAN));
  }
}

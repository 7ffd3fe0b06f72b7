package dev.assay.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.bank.QuestionService;
import dev.assay.embedding.EmbeddingService;
import dev.assay.evaluation.EvalRow;
import dev.assay.evaluation.EvalSet;
import dev.assay.exemplar.ExemplarService;
import dev.assay.workspace.WorkspaceRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The content floor against the built-in bank: honest answers are never floored. The gold set's
 * answers that its author scored above 0 are real attempts, however weak.
 */
@QuarkusTest
class ContentFreeTest {
  @Inject QuestionService questions;
  @Inject EmbeddingService embeddings;
  @Inject ExemplarService exemplars;
  @Inject WorkspaceRepository workspaces;

  private Optional<ContentFloor.Reason> floor(long workspace, EvalRow row) {
    QuestionService.QuestionRef q = questions.resolve(workspace, row.questionId());
    return ContentFloor.check(
        row.answer(), q.prompt(), exemplars.nearest(q.id(), embeddings.embed(row.answer()), 3));
  }

  @Test
  void noGoldAnswerScoredAboveZeroIsFloored() {
    long ws = QuarkusTransaction.requiringNew().call(() -> workspaces.defaultWorkspace().id);
    List<String> floored = new ArrayList<>();
    int honest = 0;
    for (EvalRow row : EvalSet.readResource("eval-sets/assay-bank-gold.jsonl")) {
      if (row.score() > 0) {
        honest++;
        floor(ws, row).ifPresent(r -> floored.add(r + ": " + row.answer()));
      }
    }
    assertTrue(honest > 150, "the gold set has " + honest + " answers scored above 0");
    assertEquals(List.of(), floored);
  }
}

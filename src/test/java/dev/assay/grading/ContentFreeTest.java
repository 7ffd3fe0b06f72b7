package dev.assay.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.bank.QuestionService;
import dev.assay.embedding.EmbeddingService;
import dev.assay.evaluation.EvalRow;
import dev.assay.evaluation.EvalSet;
import dev.assay.exemplar.ExemplarMatch;
import dev.assay.exemplar.ExemplarService;
import dev.assay.support.Api;
import dev.assay.support.TestWorkspace;
import dev.assay.workspace.WorkspaceRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The content floor against the built-in bank: every answer of the content-free set (gibberish,
 * punctuation, emoji, filler, keyword lists, text about something else, the question said back)
 * scores at most 10% and is flagged; honest answers are never floored (the gold set's answers that
 * its author scored above 0 are real attempts, however weak).
 */
@QuarkusTest
class ContentFreeTest {
  @Inject QuestionService questions;
  @Inject EmbeddingService embeddings;
  @Inject ExemplarService exemplars;
  @Inject WorkspaceRepository workspaces;
  @Inject TextVectors vectors;

  private Optional<ContentFloor.Reason> floor(long workspace, EvalRow row) {
    QuestionService.QuestionRef q = questions.resolve(workspace, row.questionId());
    List<ExemplarMatch> nearest = exemplars.nearest(q.id(), embeddings.embed(row.answer()), 3);
    double closest = nearest.stream().mapToDouble(ExemplarMatch::similarity).max().orElse(0);
    return ContentFloor.check(
        row.answer(), q.prompt(), nearest, ContentFloor.Closeness.of(closest, nearest, vectors));
  }

  @Test
  void everyContentFreeAnswerScoresAtMostATenthAndIsFlagged() throws Exception {
    // A workspace of its own with the whole bank, since the set covers every built-in question:
    // these flagged grades stay out of the default workspace's log and review queue.
    String admin = TestWorkspace.withBuiltInQuestions("content-free");
    List<String> missed = new ArrayList<>();
    List<EvalRow> rows = EvalSet.read(Path.of("eval-sets/content-free.jsonl"));
    assertTrue(rows.size() >= 50);
    for (EvalRow row : rows) {
      JsonPath g =
          Api.grade(
              admin,
              Map.of(
                  "questionId", row.questionId(),
                  "answer", row.answer(),
                  "candidateRef", "content-free-" + UUID.randomUUID()));
      double share = g.getDouble("overall.score") / g.getDouble("overall.maxScore");
      boolean flagged = g.getList("flags").contains(Screening.NO_SUBSTANTIVE_CONTENT);
      if (share > ContentFloor.CAP + 1e-9 || !flagged) {
        missed.add(String.format("%.2f %s %s", share, g.getList("flags"), row.answer()));
      }
    }
    assertEquals(List.of(), missed);
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

package dev.assay.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.platform.Jdbc;
import dev.assay.workspace.Workspace;
import dev.assay.workspace.WorkspaceRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An evaluation run grades in a scratch workspace of its own and leaves nothing of it behind; every
 * other workspace's append-only and immutable rows stay so.
 */
@QuarkusTest
class EvalWorkspaceRemovalTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject EvalCommand command;
  @Inject PriorTraining priorTraining;
  @Inject WorkspaceRepository workspaces;
  @Inject Jdbc jdbc;

  @Test
  void aRunLeavesNoWorkspaceBehind() throws Exception {
    Path dir = Files.createTempDirectory("assay-eval-removal");
    long scratchBefore = scratchWorkspaces();

    EvalReport report =
        command.run(
            new PrintStream(new ByteArrayOutputStream(), true),
            evalSet(dir).toString(),
            "--split-seed",
            "train",
            "--grade-split",
            "test-unseen-answers");

    assertEquals(2, report.gradedRows(), "the run graded its answers");
    assertTrue(report.workspace().startsWith("eval-"), report.workspace());
    assertEquals(
        0L,
        QuarkusTransaction.requiringNew().call(() -> workspaces.count("slug", report.workspace())),
        "the run's workspace is gone");
    assertEquals(scratchBefore, scratchWorkspaces(), "no scratch workspace is left");
  }

  @Test
  void priorTrainingLeavesNoWorkspaceBehind() throws Exception {
    Path dir = Files.createTempDirectory("assay-prior-removal");
    Path model = dir.resolve("prior.json");
    long priorBefore = priorWorkspaces();

    priorTraining.run(
        new PrintStream(new ByteArrayOutputStream(), true),
        trainSet(dir).toString(),
        "--out",
        model.toString());

    assertTrue(Files.size(model) > 0, "the prior was written");
    assertEquals(priorBefore, priorWorkspaces(), "the training's scratch workspace is gone");
  }

  @Test
  void onlyAScratchWorkspaceCanBeRemovedAndOtherRowsStayImmutable() {
    long customer =
        QuarkusTransaction.requiringNew()
            .call(
                () -> workspaces.create("removal-" + java.util.UUID.randomUUID(), "A customer").id);
    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> workspaces.removeScratch(customer));
    assertTrue(
        String.valueOf(refused.getCause()).contains("not a scratch workspace"),
        String.valueOf(refused.getCause()));
    assertEquals(
        1L, QuarkusTransaction.requiringNew().call(() -> workspaces.count("id", customer)));

    // The built-in bank's rubric versions (default workspace): a plain DELETE is still refused.
    long versions = rubricVersions();
    assertTrue(versions > 0, "the built-in bank is loaded");
    IllegalStateException immutable =
        assertThrows(
            IllegalStateException.class,
            () ->
                jdbc.update(
                    "delete a rubric version",
                    "DELETE FROM rubric_version WHERE id = (SELECT min(id) FROM rubric_version)"));
    assertTrue(
        String.valueOf(immutable.getCause()).contains("immutable"),
        String.valueOf(immutable.getCause()));
    assertEquals(versions, rubricVersions());
  }

  @Test
  void anEmptyScratchWorkspaceIsRemoved() {
    Workspace w =
        QuarkusTransaction.requiringNew()
            .call(() -> workspaces.createScratch("eval-removal-empty", "Empty scratch"));
    workspaces.removeScratch(w.id);
    assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> workspaces.count("id", w.id)));
  }

  private long scratchWorkspaces() {
    return QuarkusTransaction.requiringNew().call(() -> workspaces.count("scratch", true));
  }

  private long priorWorkspaces() {
    return QuarkusTransaction.requiringNew()
        .call(() -> workspaces.count("slug like ?1", "prior-%"));
  }

  private long rubricVersions() {
    return jdbc.first(
            "count rubric versions",
            "SELECT count(*) AS n FROM rubric_version",
            r -> r.longValue("n"))
        .orElseThrow();
  }

  /**
   * Two questions with nine train rows each: five seed each question's workspace, the other four
   * are training rows.
   */
  private static Path trainSet(Path dir) throws Exception {
    List<String> lines = new ArrayList<>();
    String[] topics = {"overfitting", "data leakage"};
    for (int q = 0; q < topics.length; q++) {
      for (int i = 0; i < 9; i++) {
        lines.add(
            JSON.writeValueAsString(
                Map.of(
                    "question_id",
                    "prior-" + q,
                    "question",
                    "What is " + topics[q] + " and how do you detect it?",
                    "reference_answer",
                    "A model that learns noise of its training data; compare held-out scores.",
                    "answer",
                    "Answer "
                        + i
                        + " about "
                        + topics[q]
                        + (i % 3 == 0 ? " with held-out checks." : "."),
                    "score",
                    (double) (i % 3),
                    "max_score",
                    2.0,
                    "split",
                    "train")));
      }
    }
    Path file = dir.resolve("prior.jsonl");
    Files.write(file, lines);
    return file;
  }

  /** One question, three seed rows and two graded answers (a good and a poor one). */
  private static Path evalSet(Path dir) throws Exception {
    String question = "Why does a temporal split matter when validating a forecasting model?";
    String reference =
        "Because random splits leak future information into training, so validation must use later data than training.";
    List<String> lines = new ArrayList<>();
    String[][] answers = {
      {"Random splits leak future data into training; validate on a later period.", "2", "train"},
      {"Validation must use data later than training, or the future leaks in.", "2", "train"},
      {"Temporal splits are faster to compute.", "1", "train"},
      {"Use a later period for validation so no future data leaks.", "2", "test-unseen-answers"},
      {"Splits do not matter much for forecasting.", "1", "test-unseen-answers"}
    };
    for (String[] a : answers) {
      lines.add(
          JSON.writeValueAsString(
              Map.of(
                  "question_id",
                  "removal-1",
                  "question",
                  question,
                  "reference_answer",
                  reference,
                  "answer",
                  a[0],
                  "score",
                  Double.parseDouble(a[1]),
                  "max_score",
                  2.0,
                  "split",
                  a[2])));
    }
    Path file = dir.resolve("removal.jsonl");
    Files.write(file, lines);
    return file;
  }
}

package dev.assay.evaluation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.grading.GraderConfig;
import dev.assay.grading.GraderConfigs;
import dev.assay.queue.QueueConfig;
import dev.assay.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Evaluation runs on the shared queue across a restart: the instance grading a run is killed (its
 * claim stays, with a lease nobody renews). Another instance takes the run over and finishes it; a
 * run whose attempts are spent is failed with the reason; and a run left by a superseded claim (a
 * gate's run of the killed attempt) is retired, so none stays {@code running}.
 */
@QuarkusTest
class EvalQueueTest {
  @Inject DataSource db;
  private Sql sql;

  @BeforeEach
  void connect() {
    sql = new Sql(db);
  }

  @Inject EvalRuns runs;
  @Inject GraderConfigs configs;
  @Inject ObjectMapper json;
  @Inject QueueConfig queue;

  private long ws;

  private EvalRunService.Plan plan() throws SQLException {
    ws = sql.number("SELECT id AS n FROM workspace WHERE slug = 'default'");
    List<EvalRow> rows = new ArrayList<>();
    String q = "What does dropout do during training?";
    String ref = "It zeroes random activations so that no unit is relied on, reducing overfitting.";
    for (int i = 0; i < 6; i++) {
      boolean good = i % 2 == 0;
      String answer =
          good
              ? "Dropout zeroes random activations during training so no unit is relied on. " + i
              : "Dropout removes outlier training examples. " + i;
      rows.add(
          new EvalRow("d", q, ref, answer, good ? 2 : 0, 2, i < 4 ? "train" : "test", null, null));
    }
    EvalOptions options =
        new EvalOptions(
            null,
            Optional.of("train"),
            0,
            42,
            Optional.empty(),
            Integer.MAX_VALUE,
            Integer.MAX_VALUE,
            Optional.empty(),
            false,
            List.of(),
            null);
    GraderConfig config = configs.active(ws);
    return new EvalRunService.Plan(ws, "api", "restart", rows, options, config, false, null);
  }

  /** A run queued and claimed by an instance that was then killed, at attempt {@code attempts}. */
  private UUID killedRun(int attempts) throws Exception {
    EvalRunService.Plan plan = plan();
    UUID run = runs.start(ws, "api", "restart", plan.config(), plan.options(), null);
    long item =
        sql.number(
            "INSERT INTO work_item (kind, workspace_id, subject, payload, status, attempts,"
                + " lease_owner, lease_token, lease_until, started_at) VALUES ('eval-run', ?, ?,"
                + " ?::jsonb, 'running', ?, 'killed-instance', gen_random_uuid(),"
                + " now() + interval '1 hour', now()) RETURNING id AS n",
            ws,
            run,
            json.writeValueAsString(QueuedRun.of(plan)),
            attempts);
    sql.run(
        "UPDATE eval_run SET status = 'running', graded = 2, total = 2, work_item_id = ?,"
            + " work_attempt = ? WHERE id = ?",
        item,
        attempts,
        run);
    return run;
  }

  @Test
  void aRunWhoseInstanceWasKilledIsFinishedByAnother() throws Exception {
    // given a run that a killed instance was grading
    UUID run = killedRun(1);
    // when its lease runs out
    sql.run(
        "UPDATE work_item SET lease_until = now() - interval '1 second' WHERE subject = ?", run);
    // then a live worker grades it again, and it finishes
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> !"running".equals(runs.get(ws, run).run().status()));
    EvalRuns.RunDetail detail = runs.get(ws, run);
    assertEquals("done", detail.run().status(), String.valueOf(detail.run().error()));
    assertEquals(2, detail.report().get("gradedRows").asInt());
    assertEquals(
        2,
        sql.number("SELECT attempts AS n FROM work_item WHERE subject = ?", run),
        "re-claimed once");
  }

  @Test
  void aRunOutOfAttemptsIsFailedWithTheReason() throws Exception {
    UUID run = killedRun(queue.maxAttempts());
    sql.run(
        "UPDATE work_item SET lease_until = now() - interval '1 second' WHERE subject = ?", run);
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> "failed".equals(runs.get(ws, run).run().status()));
    assertTrue(runs.get(ws, run).run().error().contains("gave up after"));
  }

  @Test
  void aRunOfASupersededClaimIsRetired() throws Exception {
    // given a gate's run under a claim that was taken over (the item is at a later attempt)
    UUID run = killedRun(1);
    sql.run("UPDATE eval_run SET purpose = 'gate' WHERE id = ?", run);
    sql.run(
        "UPDATE work_item SET kind = 'promotion', status = 'done', attempts = 2 WHERE subject = ?",
        run);
    // when the sweep runs
    runs.retire(Duration.ofHours(1));
    // then the run is failed as abandoned, not left running
    EvalRuns.RunView view = runs.get(ws, run).run();
    assertEquals("failed", view.status());
    assertTrue(view.error().startsWith("abandoned"), view.error());
  }
}

package dev.assay.batch;

import static dev.assay.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.grading.GradeRequest;
import dev.assay.grading.GradingService;
import dev.assay.support.Api;
import dev.assay.support.Sql;
import dev.assay.support.TestWorkspace;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A killed instance's items: claimed (a lease held by an instance that no longer runs), one of them
 * already graded before the crash. Once the lease runs out the live workers take them over, and
 * every item ends with exactly one grade.
 */
@QuarkusTest
class LeaseTakeoverTest {
  @Inject DataSource db;
  private Sql sql;

  @BeforeEach
  void connect() {
    sql = new Sql(db);
  }

  @Inject GradingService grading;
  @Inject ObjectMapper json;

  private record Owner(long workspaceId, UUID keyId) {}

  @Test
  void anExpiredLeaseIsTakenOverAndEachItemIsGradedOnce() throws Exception {
    // given a workspace and grader key (known from a first, ordinary batch)
    String admin = TestWorkspace.withQuestions("lease", BatchGradingTest.Q1);
    String grader = Api.issueKey(admin, "grader");
    String first =
        as(grader)
            .contentType(ContentType.JSON)
            .body(Map.of("items", List.of(BatchGradingTest.item(BatchGradingTest.Q1, "warm", 0))))
            .post("/api/v1/grade-batches")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    Owner owner = owner(UUID.fromString(first));
    // and a batch of three items claimed by an instance that was then killed, the first of them
    // graded by it just before it died (the grade logged, the item not yet marked done)
    UUID batch = UUID.randomUUID();
    String run = UUID.randomUUID().toString().substring(0, 8);
    sql.run(
        "INSERT INTO grade_batch (id, workspace_id, created_by, item_count) VALUES (?, ?, ?, 3)",
        batch,
        owner.workspaceId(),
        owner.keyId());
    for (int line = 1; line <= 3; line++) {
      GradeRequest request =
          new GradeRequest(
              BatchGradingTest.Q1,
              (String) BatchGradingTest.item(BatchGradingTest.Q1, "x", line).get("answer"),
              "lease-" + run + "-" + line,
              List.of());
      sql.run(
          "INSERT INTO work_item (kind, workspace_id, batch_id, line, payload, status, attempts,"
              + " lease_owner, lease_token, lease_until, started_at) VALUES ('grade', ?, ?, ?,"
              + " ?::jsonb, 'running', 1, 'killed-instance', gen_random_uuid(),"
              + " now() + interval '1 hour', now())",
          owner.workspaceId(),
          batch,
          line,
          json.writeValueAsString(new BatchItem(request, owner.keyId())));
      if (line == 1) {
        grading.grade(
            owner.workspaceId(), request, BatchItem.idempotencyKey(batch, 1), owner.keyId());
      }
    }
    // when the killed instance's leases run out
    assertFalse(sql.run("SELECT 1 FROM work_item WHERE batch_id = ? AND status = 'done'", batch));
    sql.run(
        "UPDATE work_item SET lease_until = now() - interval '1 second' WHERE batch_id = ?", batch);
    // then the live workers finish the batch
    Api.awaitBody(
        grader,
        "/api/v1/grade-batches/{id}",
        b -> "done".equals(b.getString("status")) && b.getInt("done") == 3,
        Duration.ofMinutes(5),
        batch.toString());
    // and each item has one grade: the first one the grade logged before the crash
    for (int line = 1; line <= 3; line++) {
      List<String> logged =
          as(grader)
              .queryParam("candidateRef", "lease-" + run + "-" + line)
              .get("/api/v1/grades")
              .then()
              .statusCode(200)
              .extract()
              .path("items.id");
      assertEquals(1, logged.size(), "grades of line " + line);
      assertEquals(
          logged.get(0),
          as(grader)
              .get("/api/v1/grade-batches/{id}/results", batch)
              .then()
              .extract()
              .path("items[" + (line - 1) + "].grade.id"));
    }
    assertEquals(
        2,
        sql.number("SELECT attempts AS n FROM work_item WHERE batch_id = ? AND line = 1", batch));
  }

  private Owner owner(UUID batch) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT workspace_id, created_by FROM grade_batch WHERE id = ?")) {
      s.setObject(1, batch);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return new Owner(r.getLong("workspace_id"), r.getObject("created_by", UUID.class));
      }
    }
  }
}

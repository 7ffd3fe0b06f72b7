package dev.assay.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.grading.GradingService;
import dev.assay.platform.Jdbc;
import dev.assay.queue.WorkHandler;
import dev.assay.queue.WorkItem;
import dev.assay.queue.WorkKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Grades one answer of a batch through the same path as POST /api/v1/grades (the workspace's active
 * configuration, its shadow, one log row). The grade's idempotency key names the item, so an
 * attempt after a crash or a lost lease returns the grade the earlier attempt logged; the queue
 * then links that grade to the item ({@code work_item.grade_id}, unique).
 */
@ApplicationScoped
class GradeItemHandler implements WorkHandler {
  private final GradingService grading;
  private final BatchRepository batches;
  private final ObjectMapper json;

  GradeItemHandler(GradingService grading, BatchRepository batches, ObjectMapper json) {
    this.grading = grading;
    this.batches = batches;
    this.json = json;
  }

  @Override
  public WorkKind kind() {
    return WorkKind.GRADE;
  }

  @Override
  public UUID handle(WorkItem item) {
    BatchItem stored = item.payloadAs(json, BatchItem.class);
    String key = BatchItem.idempotencyKey(item.batchId(), item.line());
    return grading
        .grade(item.workspaceId(), stored.request(), key, stored.submittedBy())
        .grade()
        .id();
  }

  @Override
  public void settled(Jdbc.Session session, WorkItem item) throws SQLException {
    batches.closeIfSettled(session, item.batchId());
  }
}

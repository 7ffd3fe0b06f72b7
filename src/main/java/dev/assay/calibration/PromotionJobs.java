package dev.assay.calibration;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.queue.WorkHandler;
import dev.assay.queue.WorkItem;
import dev.assay.queue.WorkKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Promotion gates from the shared work queue: any serving instance runs a requested gate, and one
 * whose instance died is run again by the instance that takes over its lease (its earlier runs are
 * retired as abandoned). A gate decides once: a late decision of a superseded attempt is ignored.
 */
@ApplicationScoped
class PromotionJobs implements WorkHandler {
  private final Promotions promotions;
  private final ObjectMapper json;

  PromotionJobs(Promotions promotions, ObjectMapper json) {
    this.promotions = promotions;
    this.json = json;
  }

  @Override
  public WorkKind kind() {
    return WorkKind.PROMOTION;
  }

  @Override
  public UUID handle(WorkItem item) {
    Promotions.PromotionJob job = item.payloadAs(json, Promotions.PromotionJob.class);
    promotions.evaluate(item.subject(), item.workspaceId(), job, item);
    return null;
  }

  @Override
  public void gaveUp(WorkItem item, String reason) {
    promotions.gaveUp(item.subject(), reason);
  }
}

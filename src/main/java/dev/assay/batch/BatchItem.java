package dev.assay.batch;

import dev.assay.grading.GradeRequest;
import java.util.UUID;

/**
 * What a grade item of the queue carries: the answer to grade and the API key that submitted the
 * batch (the grade is logged as that key's, exactly as POST /api/v1/grades would log it).
 */
record BatchItem(GradeRequest request, UUID submittedBy) {

  /**
   * The grade's idempotency key: an item claimed again after a crash finds the grade an earlier
   * attempt logged instead of logging a second one.
   */
  static String idempotencyKey(UUID batchId, int line) {
    return "batch:" + batchId + ":" + line;
  }
}

package dev.assay.queue;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.assay.platform.WireNames;

/** Where a work item stands: waiting, held by a lease, or settled for good. */
public enum WorkStatus {
  QUEUED,
  RUNNING,
  DONE,
  FAILED;

  @JsonValue
  public String wire() {
    return WireNames.of(this);
  }

  public static WorkStatus parse(String wire) {
    return WireNames.parse(WorkStatus.class, wire);
  }
}

package dev.assay.batch;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.assay.platform.WireNames;

/**
 * A batch is running until every item is done or failed. Public so that the OpenAPI scanner can
 * read its wire names for the schema.
 */
public enum BatchStatus {
  RUNNING,
  DONE;

  @JsonValue
  public String wire() {
    return WireNames.of(this);
  }
}

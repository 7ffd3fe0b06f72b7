package dev.assay.grading;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.OffsetDateTime;

/**
 * A named, versioned grader configuration. The deployment default (what the service's own settings
 * say: the LLM grader when an endpoint is configured, else the offline grader) has no id and
 * version 0; it grades every workspace that has not promoted a configuration of its own.
 */
public record GraderConfig(
    @JsonIgnore Long id,
    String name,
    int version,
    GraderSpec spec,
    String specHash,
    String description,
    OffsetDateTime createdAt) {

  public static final String DEPLOYMENT_DEFAULT = "deployment-default";

  /** {@code name@version}, the way the API and the command line name a configuration. */
  public String ref() {
    return name + "@" + version;
  }

  @JsonIgnore
  public boolean deploymentDefault() {
    return id == null;
  }
}

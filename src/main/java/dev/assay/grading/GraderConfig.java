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

  /**
   * This configuration grading with {@code other} (an unsaved variant, as a gate or an ablation
   * measures it): same identity, the spec's hash marked so its grades are never mistaken for this
   * configuration's.
   */
  public GraderConfig withSpec(GraderSpec other, String variant) {
    return new GraderConfig(
        id, name, version, other, specHash + "+" + variant, variant + " of " + ref(), createdAt);
  }
}

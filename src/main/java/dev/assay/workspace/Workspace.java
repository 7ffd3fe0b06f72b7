package dev.assay.workspace;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.CreationTimestamp;

/** A tenant: every bank object and grade belongs to exactly one workspace. */
@Entity
@Table(name = "workspace")
public class Workspace {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  public String slug;
  public String name;

  /** Whether candidate feedback shows scores (a workspace setting). */
  public boolean feedbackShowsScores;

  /**
   * Whether candidate feedback may quote the rubric's level descriptors word for word (a workspace
   * setting; off by default, since the strong descriptor is the answer key).
   */
  public boolean feedbackQuotesDescriptors;

  /**
   * Whether this is one evaluation run's scratch workspace, removed with everything in it when the
   * run ends ({@link WorkspaceRepository#removeScratch}); no API sets it.
   */
  public boolean scratch;

  @CreationTimestamp public OffsetDateTime createdAt;
}

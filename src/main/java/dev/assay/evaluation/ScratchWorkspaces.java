package dev.assay.evaluation;

import dev.assay.workspace.WorkspaceRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * An evaluation run's own workspace ({@code eval-xxxxxxxx}): created for the run, and removed with
 * everything graded in it when the run ends, finished or failed. Its grades are scratch: what the
 * run measured is in its report, stored in the owner's {@code eval_run}.
 */
@ApplicationScoped
class ScratchWorkspaces {
  private static final Logger LOG = Logger.getLogger(ScratchWorkspaces.class);

  private final WorkspaceRepository workspaces;

  ScratchWorkspaces(WorkspaceRepository workspaces) {
    this.workspaces = workspaces;
  }

  /** A created scratch workspace. */
  record Scratch(long id, String slug) {}

  Scratch create(String dataset) {
    String slug = "eval-" + UUID.randomUUID().toString().substring(0, 8);
    long id =
        QuarkusTransaction.requiringNew()
            .call(() -> workspaces.createScratch(slug, "Evaluation of " + dataset).id);
    return new Scratch(id, slug);
  }

  /**
   * Removes the workspace; a failure is logged (and attached to {@code cause}, the run's own
   * failure, if any), never thrown: it must not hide the run's report or why the run failed.
   */
  void remove(long id, RuntimeException cause) {
    try {
      workspaces.removeScratch(id);
    } catch (RuntimeException e) {
      if (cause != null) {
        cause.addSuppressed(e);
      }
      LOG.warnf(e, "could not remove the evaluation workspace %d", id);
    }
  }
}

package dev.assay.evaluation;

import dev.assay.workspace.WorkspaceRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * A run's own workspace ({@code eval-xxxxxxxx} for an evaluation, {@code attack-eval-...} and
 * {@code prior-...} for the other commands that grade a copied bank): created for the run, and
 * removed with everything graded in it when the run ends, finished or failed. Its grades are
 * scratch: what the run measured is in its report.
 */
@ApplicationScoped
public class ScratchWorkspaces {
  private static final Logger LOG = Logger.getLogger(ScratchWorkspaces.class);

  private final WorkspaceRepository workspaces;

  ScratchWorkspaces(WorkspaceRepository workspaces) {
    this.workspaces = workspaces;
  }

  /** A created scratch workspace. */
  public record Scratch(long id, String slug) {}

  Scratch create(String dataset) {
    return create("eval", "Evaluation of " + dataset);
  }

  /** Creates a scratch workspace slugged {@code prefix-xxxxxxxx}, in a transaction of its own. */
  public Scratch create(String prefix, String name) {
    String slug = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    long id = QuarkusTransaction.requiringNew().call(() -> workspaces.createScratch(slug, name).id);
    return new Scratch(id, slug);
  }

  /**
   * Runs {@code work} in a new scratch workspace slugged {@code prefix-xxxxxxxx} and removes the
   * workspace when it is done, whether it returned or threw.
   */
  public <T> T use(String prefix, String name, Function<Scratch, T> work) {
    Scratch workspace = create(prefix, name);
    RuntimeException failure = null;
    try {
      return work.apply(workspace);
    } catch (RuntimeException e) {
      failure = e;
      throw e;
    } finally {
      remove(workspace.id(), failure);
    }
  }

  /**
   * Removes the workspace; a failure is logged (and attached to {@code cause}, the run's own
   * failure, if any), never thrown: it must not hide the run's report or why the run failed.
   */
  public void remove(long id, RuntimeException cause) {
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

package dev.assay.bank;

import dev.assay.workspace.WorkspaceRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Imports the built-in bank (and an optional folder) into the default workspace at start-up, unless
 * nothing changed since the last start ({@link BankSync}).
 */
@ApplicationScoped
class BankLoader {
  private static final Logger LOG = Logger.getLogger(BankLoader.class);

  private final BankConfig config;
  private final BankSync sync;
  private final WorkspaceRepository workspaces;

  BankLoader(BankConfig config, BankSync sync, WorkspaceRepository workspaces) {
    this.config = config;
    this.sync = sync;
    this.workspaces = workspaces;
  }

  void onStart(@Observes StartupEvent event) {
    if (!config.importOnStart()) {
      return;
    }
    long workspaceId =
        QuarkusTransaction.requiringNew().call(() -> workspaces.defaultWorkspace().id);
    List<BankDocument> documents = new ArrayList<>(List.of(BankFiles.builtIn()));
    config
        .path()
        .ifPresent(
            dir -> {
              LOG.infof("bank folder %s", dir);
              documents.add(BankFiles.folder(dir));
            });
    sync.sync(workspaceId, documents);
  }
}

package dev.assay.bank;

import dev.assay.workspace.WorkspaceRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Imports the built-in bank (and an optional folder) into the default workspace at start-up. */
@ApplicationScoped
class BankLoader {
  private static final Logger LOG = Logger.getLogger(BankLoader.class);

  private final BankConfig config;
  private final BankImporter importer;
  private final WorkspaceRepository workspaces;

  BankLoader(BankConfig config, BankImporter importer, WorkspaceRepository workspaces) {
    this.config = config;
    this.importer = importer;
    this.workspaces = workspaces;
  }

  void onStart(@Observes StartupEvent event) {
    if (!config.importOnStart()) {
      return;
    }
    long workspaceId =
        QuarkusTransaction.requiringNew().call(() -> workspaces.defaultWorkspace().id);
    importer.importDocument(workspaceId, BankFiles.builtIn());
    config
        .path()
        .ifPresent(
            dir -> {
              LOG.infof("importing bank folder %s", dir);
              importer.importDocument(workspaceId, BankFiles.folder(dir));
            });
  }
}

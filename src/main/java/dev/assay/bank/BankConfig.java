package dev.assay.bank;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** How the question bank is loaded. */
@ConfigMapping(prefix = "assay.bank")
interface BankConfig {
  /** Import the built-in bank into the default workspace at start-up (idempotent). */
  @WithDefault("true")
  boolean importOnStart();

  /** An extra folder of bank YAML files imported after the built-in bank at start-up. */
  Optional<Path> path();
}

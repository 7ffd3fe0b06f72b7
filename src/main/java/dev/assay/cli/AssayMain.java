package dev.assay.cli;

import dev.assay.exemplar.Reembedder;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.enterprise.inject.Instance;

/**
 * Entry point. With no arguments Assay serves HTTP until stopped; {@code reembed} recomputes every
 * exemplar vector made by another embedding model and exits.
 */
@QuarkusMain
public class AssayMain implements QuarkusApplication {
  private final Instance<Reembedder> reembedder;

  AssayMain(Instance<Reembedder> reembedder) {
    this.reembedder = reembedder;
  }

  @Override
  public int run(String... args) {
    if (args.length == 0 || args[0].equals("serve")) {
      Quarkus.waitForExit();
      return 0;
    }
    if (args[0].equals("reembed")) {
      Reembedder.Report report = reembedder.get().reembedStale();
      System.out.printf(
          "re-embedded %d exemplars with %s in %d ms%n",
          report.reembedded(), report.embeddingModel(), report.durationMs());
      return 0;
    }
    System.err.println("usage: assay [serve|reembed]");
    return 2;
  }
}

package dev.assay.queue;

import io.quarkus.runtime.annotations.CommandLineArguments;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether this process serves (no arguments, or {@code serve}) or runs a one-shot command such as
 * {@code eval}: only a serving instance takes work from the shared queue.
 */
@ApplicationScoped
public class ServiceMode {
  private final boolean serving;

  ServiceMode(@CommandLineArguments String[] args) {
    this.serving = args.length == 0 || args[0].equals("serve");
  }

  public boolean serving() {
    return serving;
  }
}

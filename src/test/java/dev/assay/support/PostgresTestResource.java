package dev.assay.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts a throwaway PostgreSQL (with pgvector, installed by {@code bin/assay}) on a free port for
 * the test run, and removes it afterwards. No Docker: the server binaries come from the machine.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {
  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  private Path dir;
  private Path bin;

  @Override
  public Map<String, String> start() {
    try {
      bin = findBin();
      dir = Files.createTempDirectory("assay-test-pg-");
      Path data = dir.resolve("data");
      if (ROOT) {
        run(List.of("chown", "postgres:postgres", dir.toString()), false);
      }
      int port = freePort();
      run(
          List.of(
              bin.resolve("initdb").toString(),
              "-D",
              data.toString(),
              "-U",
              "assay",
              "--auth=trust",
              "-E",
              "UTF8",
              "--no-sync",
              "--no-instructions"),
          true);
      run(
          List.of(
              bin.resolve("pg_ctl").toString(),
              "-D",
              data.toString(),
              "-l",
              dir.resolve("server.log").toString(),
              "-w",
              "-o",
              "-p "
                  + port
                  + " -k "
                  + dir
                  + " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
              "start"),
          true);
      run(
          List.of(
              bin.resolve("createdb").toString(),
              "-h",
              "127.0.0.1",
              "-p",
              String.valueOf(port),
              "-U",
              "assay",
              "assay"),
          true);
      return Map.of(
          "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + port + "/assay",
          "quarkus.datasource.username", "assay",
          "quarkus.datasource.password", "assay");
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the test PostgreSQL", e);
    }
  }

  @Override
  public void stop() {
    if (dir == null) {
      return;
    }
    try {
      run(
          List.of(
              bin.resolve("pg_ctl").toString(),
              "-D",
              dir.resolve("data").toString(),
              "-m",
              "immediate",
              "stop"),
          true);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a leftover temp folder is harmless
      }
    }
  }

  private static Path findBin() throws IOException {
    String override = System.getenv("ASSAY_PG_BIN");
    if (override != null) {
      return Path.of(override);
    }
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())))
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "no PostgreSQL server found: run bin/assay test, which installs it"));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Runs a command (as the postgres user when we are root, since initdb refuses root). */
  private void run(List<String> command, boolean asPostgres) {
    List<String> full = new ArrayList<>();
    if (ROOT && asPostgres) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    try {
      Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("command failed: " + String.join(" ", full) + "\n" + out);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + full, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}

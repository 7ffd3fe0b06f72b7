package dev.assay.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Stops and restarts the PostgreSQL cluster the running service uses (the test resource's throwaway
 * cluster), as an operator would: {@code pg_ctl stop -m immediate}, then {@code pg_ctl restart},
 * which starts it again with the options it last ran with (postmaster.opts).
 */
final class TestCluster {
  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  private final Path data;

  private TestCluster(Path data) {
    this.data = data;
  }

  /** The cluster behind {@code dataSource}, found by asking the server for its data directory. */
  static TestCluster of(DataSource dataSource) throws java.sql.SQLException {
    try (var c = dataSource.getConnection();
        var s = c.createStatement();
        var rs = s.executeQuery("SHOW data_directory")) {
      rs.next();
      return new TestCluster(Path.of(rs.getString(1)));
    }
  }

  /** Kills the server without a checkpoint, as a crash would. */
  void stopImmediately() {
    pgCtl("-m", "immediate", "stop");
  }

  /** Starts the server again and waits until it accepts connections. */
  void start() {
    pgCtl("-w", "-l", data.getParent().resolve("server.log").toString(), "restart");
  }

  private void pgCtl(String... args) {
    List<String> command = new ArrayList<>();
    if (ROOT) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.add(bin().resolve("pg_ctl").toString());
    command.addAll(List.of("-D", data.toString()));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("failed: " + String.join(" ", command) + "\n" + out);
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot run pg_ctl", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static Path bin() {
    String override = System.getenv("ASSAY_PG_BIN");
    if (override != null) {
      return Path.of(override);
    }
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())))
          .orElseThrow();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("no PostgreSQL server binaries", e);
    }
  }
}

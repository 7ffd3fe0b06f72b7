package dev.assay.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.assay.grading.GraderConfig;
import dev.assay.grading.GraderConfigs;
import dev.assay.workspace.WorkspaceRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * {@code assay eval}: evaluates an eval-set file as a stored run of the default workspace, writes
 * the JSON and HTML reports to {@code --out} and prints the headline table; {@code --compare A B}
 * compares two runs, each a report file or a stored run id.
 */
@ApplicationScoped
public class EvalCommand {
  private final EvalRunService service;
  private final EvalRuns runs;
  private final GraderConfigs configs;
  private final WorkspaceRepository workspaces;
  private final ObjectMapper json;

  EvalCommand(
      EvalRunService service,
      EvalRuns runs,
      GraderConfigs configs,
      WorkspaceRepository workspaces,
      ObjectMapper json) {
    this.service = service;
    this.runs = runs;
    this.configs = configs;
    this.workspaces = workspaces;
    this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
  }

  /** Parses the command-line options, runs, writes the reports and prints a summary. */
  public EvalReport run(PrintStream out, String... args) {
    if (args.length > 0 && args[0].equals("--compare")) {
      if (args.length != 3) {
        throw new IllegalArgumentException(
            "usage: assay eval --compare RUN_A RUN_B (report files or stored run ids)");
      }
      out.print(EvalCompare.compare(args[1], report(args[1]), args[2], report(args[2])));
      return null;
    }
    EvalOptions options = EvalOptions.parse(args);
    Setup setup = setup(options);
    EvalReport report =
        service.runNow(
            new EvalRunService.Plan(
                setup.owner(),
                "cli",
                setup.dataset(),
                setup.rows(),
                options,
                setup.config(),
                false,
                null),
            (done, total) -> bar(out, done, total));
    write(report, options.out());
    out.println(report.table());
    out.println(
        "stored as run " + report.runId() + " (GET /api/v1/eval-runs/" + report.runId() + ")");
    return report;
  }

  /** What a command-line run grades: the default workspace, a configuration, the file's rows. */
  public record Setup(long owner, GraderConfig config, List<EvalRow> rows, String dataset) {}

  /** The default workspace, the chosen configuration (else the active one) and the eval set. */
  public Setup setup(EvalOptions options) {
    long owner = QuarkusTransaction.requiringNew().call(() -> workspaces.defaultWorkspace().id);
    GraderConfig config =
        options
            .config()
            .map(ref -> configs.find(owner, ref))
            .orElseGet(() -> configs.active(owner));
    return new Setup(
        owner, config, EvalSet.read(options.file()), options.file().getFileName().toString());
  }

  /** A report file, or else a stored run (of any workspace: the command line is an operator's). */
  private EvalReport report(String fileOrRunId) {
    Path file = Path.of(fileOrRunId);
    if (Files.isRegularFile(file)) {
      return EvalCompare.read(file);
    }
    try {
      return runs.report(null, UUID.fromString(fileOrRunId));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(fileOrRunId + " is neither a report file nor a run id");
    }
  }

  private void write(EvalReport report, Path dir) {
    try {
      Files.createDirectories(dir);
      String base = report.dataset().replaceAll("\\.jsonl$", "") + "-" + report.workspace();
      json.writeValue(dir.resolve(base + ".json").toFile(), report);
      Files.writeString(dir.resolve(base + ".html"), HtmlReport.render(report));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + dir, e);
    }
  }

  private static void bar(PrintStream out, int done, int total) {
    if (done == total || done % 10 == 0) {
      int width = 30;
      int filled = total == 0 ? width : done * width / total;
      out.printf(
          "\r[%s%s] %d/%d graded", "=".repeat(filled), " ".repeat(width - filled), done, total);
      if (done == total) {
        out.println();
      }
    }
  }
}

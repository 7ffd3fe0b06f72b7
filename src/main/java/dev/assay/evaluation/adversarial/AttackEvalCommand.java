package dev.assay.evaluation.adversarial;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.assay.evaluation.EvalRow;
import dev.assay.evaluation.EvalSet;
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
import java.util.ArrayList;
import java.util.List;

/**
 * {@code assay attack-eval FILE [--honest FILE]... [--config NAME[@VERSION]] [--out DIR]}: grades
 * every attack of FILE and its honest twin with the default workspace's active configuration (or
 * {@code --config}), runs the detector over honest answers (default: the gold set and the SAF
 * subset shipped in eval-sets/), prints the figures and writes a JSON report.
 */
@ApplicationScoped
public class AttackEvalCommand {
  static final List<String> DEFAULT_HONEST =
      List.of("eval-sets/assay-bank-gold.jsonl", "eval-sets/saf-subset.jsonl");

  private final AttackEval eval;
  private final GraderConfigs configs;
  private final WorkspaceRepository workspaces;
  private final ObjectMapper json;

  AttackEvalCommand(
      AttackEval eval, GraderConfigs configs, WorkspaceRepository workspaces, ObjectMapper json) {
    this.eval = eval;
    this.configs = configs;
    this.workspaces = workspaces;
    this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
  }

  /** The command's options. */
  record Options(Path file, List<Path> honest, String config, Path out) {
    static Options parse(String... args) {
      if (args.length == 0 || args[0].startsWith("--")) {
        throw new IllegalArgumentException(
            "usage: assay attack-eval FILE [--honest FILE]... [--config NAME[@VERSION]]"
                + " [--out DIR]");
      }
      List<Path> honest = new ArrayList<>();
      String config = null;
      Path out = Path.of("target", "attack-eval");
      for (int i = 1; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : null;
        if (value == null) {
          throw new IllegalArgumentException(args[i] + " needs a value");
        }
        switch (args[i]) {
          case "--honest" -> honest.add(Path.of(value));
          case "--config" -> config = value;
          case "--out" -> out = Path.of(value);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
        i++;
      }
      if (honest.isEmpty()) {
        DEFAULT_HONEST.stream().map(Path::of).filter(Files::isRegularFile).forEach(honest::add);
      }
      return new Options(Path.of(args[0]), honest, config, out);
    }
  }

  public AttackReport run(PrintStream out, String... args) {
    Options options = Options.parse(args);
    long owner = QuarkusTransaction.requiringNew().call(() -> workspaces.defaultWorkspace().id);
    GraderConfig config =
        options.config() == null ? configs.active(owner) : configs.find(owner, options.config());
    List<AttackPair> pairs = AttackPair.read(options.file());
    List<EvalRow> honest = new ArrayList<>();
    options.honest().forEach(f -> honest.addAll(EvalSet.read(f)));
    AttackReport report =
        eval.run(
            owner,
            pairs,
            honest,
            config,
            (done, total) -> {
              if (done == total || done % 50 == 0) {
                out.printf("\r%d/%d done", done, total);
                if (done == total) {
                  out.println();
                }
              }
            });
    write(report, options.out());
    out.print(report.table());
    return report;
  }

  private void write(AttackReport report, Path dir) {
    try {
      Files.createDirectories(dir);
      json.writeValue(dir.resolve("attack-eval.json").toFile(), report);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + dir, e);
    }
  }
}

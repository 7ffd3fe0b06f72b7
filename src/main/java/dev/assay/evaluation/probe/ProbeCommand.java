package dev.assay.evaluation.probe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.assay.evaluation.EvalCommand;
import dev.assay.evaluation.EvalOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code assay probe FILE [eval options]}: counterfactual probes of the grader over an eval set;
 * prints the table and writes the JSON report (with every graded variant) to {@code --out}.
 */
@ApplicationScoped
public class ProbeCommand {
  private final ProbeRunner runner;
  private final EvalCommand eval;
  private final ObjectMapper json;

  ProbeCommand(ProbeRunner runner, EvalCommand eval, ObjectMapper json) {
    this.runner = runner;
    this.eval = eval;
    this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
  }

  public ProbeReport run(PrintStream out, String... args) {
    EvalOptions options = EvalOptions.parse(args);
    EvalCommand.Setup setup = eval.setup(options);
    String dataset = setup.dataset();
    ProbeReport report =
        runner.run(
            setup.owner(),
            dataset,
            options,
            setup.rows(),
            setup.config(),
            (done, total) -> {
              if (done == total || done % 20 == 0) {
                out.printf("\r%d/%d answers probed", done, total);
              }
            });
    out.println();
    Path file =
        options
            .out()
            .resolve(
                "probe-"
                    + dataset.replaceAll("\\.jsonl$", "")
                    + "-"
                    + report.workspace()
                    + ".json");
    try {
      Files.createDirectories(options.out());
      json.writeValue(file.toFile(), report);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + options.out(), e);
    }
    out.print(report.table());
    out.println("report: " + file);
    return report;
  }
}

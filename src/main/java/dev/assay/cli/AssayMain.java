package dev.assay.cli;

import dev.assay.embedding.EarlyModelLoad;
import dev.assay.evaluation.EvalCommand;
import dev.assay.evaluation.PriorTraining;
import dev.assay.evaluation.adversarial.AttackEvalCommand;
import dev.assay.evaluation.probe.ProbeCommand;
import dev.assay.exemplar.Reembedder;
import dev.assay.platform.ApiException;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.enterprise.inject.Instance;
import java.util.Arrays;

/**
 * Entry point. With no arguments Assay serves HTTP until stopped; {@code reembed} recomputes every
 * exemplar vector made by another embedding model and exits; {@code eval FILE [options]} grades an
 * eval set in an isolated workspace and reports agreement with the human scores; {@code attack-eval
 * FILE [options]} grades attack answers against their honest twins.
 */
@QuarkusMain
public class AssayMain implements QuarkusApplication {
  private final Instance<Reembedder> reembedder;
  private final Instance<EvalCommand> eval;
  private final Instance<AttackEvalCommand> attackEval;
  private final Instance<PriorTraining> priorTraining;
  private final Instance<ProbeCommand> probe;

  AssayMain(
      Instance<Reembedder> reembedder,
      Instance<EvalCommand> eval,
      Instance<AttackEvalCommand> attackEval,
      Instance<PriorTraining> priorTraining,
      Instance<ProbeCommand> probe) {
    this.reembedder = reembedder;
    this.eval = eval;
    this.attackEval = attackEval;
    this.priorTraining = priorTraining;
    this.probe = probe;
  }

  /** Starts loading the embedding model beside Quarkus' own start, then starts it. */
  public static void main(String... args) {
    EarlyModelLoad.start();
    Quarkus.run(AssayMain.class, args);
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
    if (args[0].equals("eval")) {
      return command("eval", () -> eval.get().run(System.out, rest(args)));
    }
    if (args[0].equals("attack-eval")) {
      return command("attack-eval", () -> attackEval.get().run(System.out, rest(args)));
    }
    if (args[0].equals("probe")) {
      return command("probe", () -> probe.get().run(System.out, rest(args)));
    }
    if (args[0].equals("train-prior")) {
      return command("train-prior", () -> priorTraining.get().run(System.out, rest(args)));
    }
    System.err.println(
        "usage: assay [serve|reembed|eval FILE [options]|attack-eval FILE [options]|probe FILE [options]"
            + "|train-prior FILE... --out FILE]");
    return 2;
  }

  /** Runs a command; a bad argument or request is a one-line error and exit code 2. */
  private static int command(String name, Runnable work) {
    try {
      work.run();
      return 0;
    } catch (IllegalArgumentException | ApiException e) {
      System.err.println("assay " + name + ": " + e.getMessage());
      return 2;
    }
  }

  private static String[] rest(String[] args) {
    return Arrays.copyOfRange(args, 1, args.length);
  }
}

package dev.assay.evaluation.adversarial;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the attack-eval command in a test and prints its table, misses and false flags. */
final class AttackRuns {
  private AttackRuns() {}

  static AttackReport run(AttackEvalCommand command, String... args) {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    AttackReport report = command.run(new PrintStream(printed, true, StandardCharsets.UTF_8), args);
    System.out.println(printed.toString(StandardCharsets.UTF_8));
    report.pairs().stream()
        .filter(p -> !p.flagged() || p.lift() > AttackReport.LIFT_TOLERANCE)
        .forEach(p -> System.out.println("MISS " + p));
    report.honest().flaggedIds().forEach(id -> System.out.println("FALSE " + id));
    return report;
  }
}

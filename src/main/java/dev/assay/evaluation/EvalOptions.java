package dev.assay.evaluation;

import dev.assay.metrics.Metrics;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How a run splits an eval set and what it grades with: rows of {@code splitSeed} seed the exemplar
 * store, plus {@code seedPerQuestion} rows per question drawn with {@code seed}; the remaining rows
 * of {@code gradeSplit} (or of every other split) are graded, with the grader configuration {@code
 * config} (the workspace's active one when empty) and, once more per entry of {@code ablations}
 * ({@code none}, {@code shuffled}), with its exemplars hidden or shuffled. With {@code bank} the
 * rows' {@code question_id}s name questions of the workspace, graded against their own rubrics and
 * exemplars. {@code file} and {@code out} are the command line's input and report folder.
 */
public record EvalOptions(
    Path file,
    Optional<String> splitSeed,
    int seedPerQuestion,
    long seed,
    Optional<String> gradeSplit,
    int maxQuestions,
    int maxPerQuestion,
    Optional<String> config,
    boolean bank,
    List<String> ablations,
    Path out) {

  public static final List<String> ABLATIONS = List.of("none", "shuffled");

  public EvalOptions {
    ablations = List.copyOf(ablations);
    for (String a : ablations) {
      if (!ABLATIONS.contains(a)) {
        throw new IllegalArgumentException(
            "unknown ablation '" + a + "' (known: " + String.join(", ", ABLATIONS) + ")");
      }
    }
    if (seedPerQuestion < 0 || maxQuestions < 1 || maxPerQuestion < 1) {
      throw new IllegalArgumentException(
          "seed-per-question must be >= 0, max-questions and max-per-question >= 1");
    }
  }

  /** The promotion gate's protocol: every row of the gate set graded against the bank. */
  public static EvalOptions gate() {
    return new EvalOptions(
        null,
        Optional.empty(),
        0,
        42,
        Optional.empty(),
        Integer.MAX_VALUE,
        Integer.MAX_VALUE,
        Optional.empty(),
        true,
        List.of(),
        null);
  }

  static EvalOptions parse(String... args) {
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: assay eval <file.jsonl> [options]");
    }
    Path file = null;
    Optional<String> splitSeed = Optional.empty();
    Optional<String> gradeSplit = Optional.empty();
    Optional<String> config = Optional.empty();
    int perQuestion = 0;
    long seed = Metrics.SEED;
    int maxQuestions = Integer.MAX_VALUE;
    int maxPerQuestion = Integer.MAX_VALUE;
    boolean bank = false;
    List<String> ablations = List.of();
    Path out = Path.of("eval-reports");
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--split-seed" -> splitSeed = Optional.of(value(args, ++i, a));
        case "--grade-split" -> gradeSplit = Optional.of(value(args, ++i, a));
        case "--seed-per-question" -> perQuestion = number(args, ++i, a);
        case "--seed" -> seed = number(args, ++i, a);
        case "--max-questions" -> maxQuestions = number(args, ++i, a);
        case "--max-per-question" -> maxPerQuestion = number(args, ++i, a);
        case "--config" -> config = Optional.of(value(args, ++i, a));
        case "--bank" -> bank = true;
        case "--ablations" -> ablations = Arrays.asList(value(args, ++i, a).split(","));
        case "--out" -> out = Path.of(value(args, ++i, a));
        default -> {
          if (a.startsWith("--") || file != null) {
            throw new IllegalArgumentException("unknown argument " + a);
          }
          file = Path.of(a);
        }
      }
    }
    if (file == null) {
      throw new IllegalArgumentException("no eval-set file given");
    }
    return new EvalOptions(
        file,
        splitSeed,
        perQuestion,
        seed,
        gradeSplit,
        maxQuestions,
        maxPerQuestion,
        config,
        bank,
        ablations,
        out);
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }

  private static int number(String[] args, int i, String flag) {
    String v = value(args, i, flag);
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs a whole number, not '" + v + "'");
    }
  }

  /** A one-line description of the protocol, for reports. */
  String protocol() {
    return String.format(
        "%sseeds: %s%s; graded: %s; random seed %d",
        bank ? "against the workspace's bank; " : "",
        splitSeed.map(s -> "split '" + s + "'").orElse("no split"),
        seedPerQuestion > 0 ? " + " + seedPerQuestion + " per question" : "",
        gradeSplit.map(s -> "split '" + s + "'").orElse("every other row"),
        seed);
  }
}

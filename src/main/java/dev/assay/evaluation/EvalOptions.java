package dev.assay.evaluation;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How a run splits an eval set: rows of {@code splitSeed} seed the exemplar store, plus {@code
 * seedPerQuestion} rows per question drawn with {@code seed}; the remaining rows of {@code
 * gradeSplit} (or of every other split) are graded.
 */
record EvalOptions(
    Path file,
    Optional<String> splitSeed,
    int seedPerQuestion,
    long seed,
    Optional<String> gradeSplit,
    int maxQuestions,
    int maxPerQuestion,
    Path out) {

  static EvalOptions parse(String... args) {
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: assay eval <file.jsonl> [options]");
    }
    Path file = null;
    Optional<String> splitSeed = Optional.empty();
    Optional<String> gradeSplit = Optional.empty();
    int perQuestion = 0;
    long seed = 42;
    int maxQuestions = Integer.MAX_VALUE;
    int maxPerQuestion = Integer.MAX_VALUE;
    Path out = Path.of("eval-reports");
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--split-seed" -> splitSeed = Optional.of(value(args, ++i, a));
        case "--grade-split" -> gradeSplit = Optional.of(value(args, ++i, a));
        case "--seed-per-question" -> perQuestion = Integer.parseInt(value(args, ++i, a));
        case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
        case "--max-questions" -> maxQuestions = Integer.parseInt(value(args, ++i, a));
        case "--max-per-question" -> maxPerQuestion = Integer.parseInt(value(args, ++i, a));
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
        file, splitSeed, perQuestion, seed, gradeSplit, maxQuestions, maxPerQuestion, out);
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }

  /** A one-line description of the protocol, for reports. */
  String protocol() {
    return String.format(
        "seeds: %s%s; graded: %s; random seed %d",
        splitSeed.map(s -> "split '" + s + "'").orElse("no split"),
        seedPerQuestion > 0 ? " + " + seedPerQuestion + " per question" : "",
        gradeSplit.map(s -> "split '" + s + "'").orElse("every other row"),
        seed);
  }
}

package dev.assay.evaluation.probe;

import java.util.ArrayList;
import java.util.List;

/** The probe's arguments for a slice of the shipped SAF subset, graded on its unseen answers. */
final class SafSubset {
  private SafSubset() {}

  static String[] slice(int questions, int perQuestion, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "eval-sets/saf-subset.jsonl",
                "--split-seed",
                "train",
                "--grade-split",
                "test-unseen-answers",
                "--max-questions",
                Integer.toString(questions),
                "--max-per-question",
                Integer.toString(perQuestion)));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }
}

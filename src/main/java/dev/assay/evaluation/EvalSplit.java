package dev.assay.evaluation;

import dev.assay.bank.BankDocument;
import dev.assay.bank.QuestionSpec;
import dev.assay.text.AnswerText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Seed and graded rows per question; questions with nothing to grade are left out. Seeds become
 * exemplars, which the learned scorer trains on, so no row may be both: a split that would grade a
 * seed row (the same row, or the same answer to the same question) cannot be made. {@code
 * copiesOfSeeds} counts rows left out because another student wrote a seed's answer word for word.
 */
record EvalSplit(
    Map<String, List<EvalRow>> seeds,
    Map<String, List<EvalRow>> graded,
    int copiesOfSeeds,
    int seenByPrior) {
  EvalSplit {
    for (Map.Entry<String, List<EvalRow>> q : graded.entrySet()) {
      Set<String> seeded =
          seeds.getOrDefault(q.getKey(), List.of()).stream()
              .map(r -> AnswerText.dedupKey(r.answer()))
              .collect(Collectors.toSet());
      for (EvalRow row : q.getValue()) {
        if (seeded.contains(AnswerText.dedupKey(row.answer()))) {
          throw new IllegalStateException(
              "row of question " + q.getKey() + " is both a training seed and graded");
        }
      }
    }
  }

  /** The same split without the graded rows {@code seen} accepts (counted in seenByPrior). */
  EvalSplit withoutGraded(Predicate<EvalRow> seen) {
    Map<String, List<EvalRow>> kept = new LinkedHashMap<>();
    Map<String, List<EvalRow>> keptSeeds = new LinkedHashMap<>();
    int dropped = 0;
    for (Map.Entry<String, List<EvalRow>> q : graded.entrySet()) {
      List<EvalRow> rows = q.getValue().stream().filter(seen.negate()).toList();
      dropped += q.getValue().size() - rows.size();
      if (!rows.isEmpty()) {
        kept.put(q.getKey(), rows);
        keptSeeds.put(q.getKey(), seeds.get(q.getKey()));
      }
    }
    return new EvalSplit(keptSeeds, kept, copiesOfSeeds, seenByPrior + dropped);
  }

  /** Splits {@code rows} as {@code options} say, shuffling with the options' seed. */
  static EvalSplit of(EvalOptions options, List<EvalRow> rows) {
    Map<String, List<EvalRow>> byQuestion =
        rows.stream()
            .collect(
                Collectors.groupingBy(
                    EvalRow::questionId, LinkedHashMap::new, Collectors.toList()));
    Random random = new Random(options.seed());
    Map<String, List<EvalRow>> seeds = new LinkedHashMap<>();
    Map<String, List<EvalRow>> graded = new LinkedHashMap<>();
    int copies = 0;
    for (Map.Entry<String, List<EvalRow>> q : byQuestion.entrySet()) {
      if (graded.size() >= options.maxQuestions()) {
        break;
      }
      List<EvalRow> seed = new ArrayList<>();
      List<EvalRow> candidates = new ArrayList<>();
      for (EvalRow row : q.getValue()) {
        if (options.splitSeed().filter(s -> s.equals(row.split())).isPresent()) {
          seed.add(row);
        } else if (options.gradeSplit().map(s -> s.equals(row.split())).orElse(true)) {
          candidates.add(row);
        }
      }
      Collections.shuffle(candidates, random);
      int extra = Math.min(options.seedPerQuestion(), candidates.size());
      seed.addAll(candidates.subList(0, extra));
      List<EvalRow> usableSeeds = seed.stream().filter(r -> !r.answer().isBlank()).toList();
      Set<String> seeded =
          usableSeeds.stream()
              .map(r -> AnswerText.dedupKey(r.answer()))
              .collect(Collectors.toSet());
      List<EvalRow> rest = candidates.subList(extra, candidates.size());
      List<EvalRow> fresh =
          rest.stream().filter(r -> !seeded.contains(AnswerText.dedupKey(r.answer()))).toList();
      copies += rest.size() - fresh.size();
      List<EvalRow> toGrade = fresh.subList(0, Math.min(fresh.size(), options.maxPerQuestion()));
      if (!toGrade.isEmpty()) {
        seeds.put(q.getKey(), usableSeeds);
        graded.put(q.getKey(), List.copyOf(toGrade));
      }
    }
    return new EvalSplit(seeds, graded, copies, 0);
  }

  /** What the baselines learn from: what the grader sees, seed rows and in bank mode exemplars. */
  Map<String, List<EvalRow>> baselinePool(BankDocument ownBank) {
    Map<String, List<EvalRow>> pool = new LinkedHashMap<>(seeds());
    if (ownBank == null) {
      return pool;
    }
    for (QuestionSpec q : ownBank.questions()) {
      if (graded().containsKey(q.id())) {
        List<EvalRow> rows = new ArrayList<>(seeds().get(q.id()));
        q.exemplars()
            .forEach(
                e ->
                    rows.add(
                        new EvalRow(
                            q.id(),
                            q.prompt(),
                            "",
                            e.text(),
                            e.score(),
                            q.rubric().scale(),
                            "exemplar",
                            null,
                            null)));
        pool.put(q.id(), rows);
      }
    }
    return pool;
  }
}

package dev.assay.evaluation.probe;

import dev.assay.evaluation.EvalOptions;
import dev.assay.evaluation.EvalRow;
import dev.assay.evaluation.EvalRunner;
import dev.assay.grading.GradeView;
import dev.assay.grading.GraderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Grades each answer an eval run would grade, and again under each meaning-preserving {@link
 * Perturbation}, in a fresh workspace set up as {@code assay eval} sets it up (same split, same
 * exemplars, same learned scorer, the same pipeline as the API). Every variant is its own
 * candidate, so none is taken for a near-duplicate of another.
 */
@ApplicationScoped
public class ProbeRunner {
  private final EvalRunner runner;

  ProbeRunner(EvalRunner runner) {
    this.runner = runner;
  }

  /** Told how many answers are done. */
  @FunctionalInterface
  public interface Progress {
    void done(int done, int total);
  }

  public ProbeReport run(
      long owner,
      String dataset,
      EvalOptions options,
      List<EvalRow> rows,
      GraderConfig config,
      Progress progress) {
    long start = System.nanoTime();
    EvalRunner.Prepared prepared = runner.prepare(owner, dataset, options, rows, config, false);
    try {
      return probe(prepared, dataset, options, config, progress, start);
    } finally {
      runner.remove(prepared);
    }
  }

  private ProbeReport probe(
      EvalRunner.Prepared prepared,
      String dataset,
      EvalOptions options,
      GraderConfig config,
      Progress progress,
      long start) {
    int total = prepared.graded().values().stream().mapToInt(List::size).sum();
    Map<Perturbation, List<Double>> shifts = new EnumMap<>(Perturbation.class);
    Map<Perturbation, Integer> notApplicable = new EnumMap<>(Perturbation.class);
    for (Perturbation p : Perturbation.values()) {
      shifts.put(p, new ArrayList<>());
      notApplicable.put(p, 0);
    }
    List<ProbeReport.Shift> all = new ArrayList<>();
    int row = 0;
    for (Map.Entry<String, List<EvalRow>> q : prepared.graded().entrySet()) {
      for (EvalRow r : q.getValue()) {
        Random random = new Random(options.seed() * 31 + row);
        double original =
            share(runner.grade(prepared, q.getKey(), r.answer(), "probe-" + row, config));
        for (Perturbation p : Perturbation.values()) {
          String base = p.base(r.answer());
          String variant = p.variant(r.answer(), random);
          if (variant.equals(base)) {
            notApplicable.merge(p, 1, Integer::sum);
            continue;
          }
          double baseScore =
              base.equals(r.answer())
                  ? original
                  : share(
                      runner.grade(prepared, q.getKey(), base, candidate(row, p, "base"), config));
          double variantScore =
              share(
                  runner.grade(
                      prepared, q.getKey(), variant, candidate(row, p, "variant"), config));
          shifts.get(p).add(variantScore - baseScore);
          all.add(
              new ProbeReport.Shift(
                  row,
                  q.getKey(),
                  p.wire(),
                  ProbeReport.round(baseScore),
                  ProbeReport.round(variantScore)));
        }
        progress.done(++row, total);
      }
    }
    List<ProbeReport.Kind> kinds = new ArrayList<>();
    for (Perturbation p : Perturbation.values()) {
      kinds.add(ProbeReport.Kind.of(p, shifts.get(p), notApplicable.get(p)));
    }
    return new ProbeReport(
        dataset,
        config.ref() + " (" + config.spec().describe() + ")",
        prepared.slug(),
        total,
        kinds,
        (System.nanoTime() - start) / 1e9,
        all);
  }

  private static String candidate(int row, Perturbation p, String which) {
    return "probe-" + row + "-" + p.wire() + "-" + which;
  }

  private static double share(GradeView g) {
    return g.overall().maxScore() == 0 ? 0 : g.overall().score() / g.overall().maxScore();
  }
}

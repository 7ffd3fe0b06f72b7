package dev.assay.review.calibration;

import dev.assay.metrics.Agreement;
import dev.assay.metrics.Bootstrap;
import dev.assay.metrics.Metrics;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The figures of reviewer calibration, with no I/O. Scores are shares of each item's scale (0-1).
 * The consensus a reviewer is compared with leaves that reviewer out (the mean of the others'
 * scores), so a reviewer's own score never pulls the consensus toward them. Intervals are the
 * metrics package's percentile bootstrap over items, with one seed for every figure.
 */
final class CalibrationMath {
  private CalibrationMath() {}

  /** One item's scores: the automated grader's and each reviewer's who scored it. */
  record Item(double automated, Map<UUID, Double> byReviewer) {}

  /** A 95% interval; null ends when undefined. */
  record Range(Double low, Double high) {
    static Range of(Agreement.Interval i) {
      return new Range(defined(i.low()), defined(i.high()));
    }
  }

  /** Agreement of a reviewer with a reference on the n items both scored; null when undefined. */
  record Fit(int n, Double qwk, Range qwkCi, Double mae, Range maeCi) {}

  /**
   * A reviewer against the consensus: mean difference and standardised mean difference (positive:
   * the reviewer scores higher), with the SMD's interval and what it says.
   */
  record Lean(int n, Double meanDifference, Double smd, Range smdCi, Leaning leaning) {}

  /** Everything measured of one reviewer on one set. */
  record Figures(int scored, Fit consensus, Fit automated, Lean lean) {}

  /** One override: when, and the override minus the automated score as a share of the scale. */
  record Delta(OffsetDateTime at, double change) {}

  /** The mean override change of one period, with its interval. */
  record DriftPoint(LocalDate periodStart, int n, double meanChange, Range ci) {}

  /**
   * The grid every reviewer of a set is compared on: binary when every reviewer score is 0 or 1,
   * quarters otherwise (the rule of {@link Metrics#gridStep}).
   */
  static double step(List<Item> items) {
    double[] all =
        items.stream()
            .flatMap(i -> i.byReviewer().values().stream())
            .mapToDouble(Double::doubleValue)
            .toArray();
    return Metrics.gridStep(all);
  }

  static Figures figures(UUID reviewer, List<Item> items, double step, long seed) {
    List<Double> own = new ArrayList<>();
    List<Double> others = new ArrayList<>();
    List<Double> ownAll = new ArrayList<>();
    List<Double> automated = new ArrayList<>();
    for (Item item : items) {
      Double score = item.byReviewer().get(reviewer);
      if (score == null) {
        continue;
      }
      ownAll.add(score);
      automated.add(item.automated());
      double sum = 0;
      int count = 0;
      for (Map.Entry<UUID, Double> e : item.byReviewer().entrySet()) {
        if (!e.getKey().equals(reviewer)) {
          sum += e.getValue();
          count++;
        }
      }
      if (count > 0) {
        own.add(score);
        others.add(sum / count);
      }
    }
    double[] r = unbox(own);
    double[] c = unbox(others);
    return new Figures(
        ownAll.size(),
        fit(r, c, step, seed),
        fit(unbox(automated), unbox(ownAll), step, seed),
        lean(r, c, seed));
  }

  /** Agreement of {@code predicted} with {@code reference}, in the argument order of metrics. */
  private static Fit fit(double[] predicted, double[] reference, double step, long seed) {
    if (predicted.length == 0) {
      return new Fit(0, null, new Range(null, null), null, new Range(null, null));
    }
    Agreement.Summary s = Agreement.summarise(predicted, reference, step, seed);
    Agreement.Interval maeCi =
        Agreement.bootstrap(predicted, reference, Agreement::mae, Metrics.RESAMPLES, seed);
    return new Fit(s.n(), defined(s.qwk()), Range.of(s.qwkCi()), s.mae(), Range.of(maeCi));
  }

  private static Lean lean(double[] reviewer, double[] consensus, long seed) {
    if (reviewer.length == 0) {
      return new Lean(0, null, null, new Range(null, null), Leaning.UNKNOWN);
    }
    double difference = Agreement.mean(reviewer) - Agreement.mean(consensus);
    Range ci =
        Range.of(Agreement.bootstrap(reviewer, consensus, Agreement::smd, Metrics.RESAMPLES, seed));
    return new Lean(
        reviewer.length,
        difference,
        defined(Agreement.smd(reviewer, consensus)),
        ci,
        leaning(reviewer.length, ci));
  }

  private static Leaning leaning(int n, Range ci) {
    if (n < 2 || ci.low() == null || ci.high() == null) {
      return Leaning.UNKNOWN;
    }
    if (ci.low() > 0) {
      return Leaning.LENIENT;
    }
    return ci.high() < 0 ? Leaning.HARSH : Leaning.IN_LINE;
  }

  /**
   * Drift: the reviewer's overrides grouped by period, each period's mean change (override minus
   * automated score) with a bootstrap interval of the mean, oldest period first.
   */
  static List<DriftPoint> drift(List<Delta> deltas, DriftPeriod period, long seed) {
    Map<LocalDate, List<Double>> byPeriod = new TreeMap<>();
    for (Delta d : deltas) {
      byPeriod.computeIfAbsent(period.start(d.at()), k -> new ArrayList<>()).add(d.change());
    }
    List<DriftPoint> points = new ArrayList<>();
    byPeriod.forEach(
        (start, changes) -> {
          double[] x = unbox(changes);
          Agreement.Interval ci =
              Bootstrap.interval(
                  x.length, idx -> Agreement.mean(Bootstrap.pick(x, idx)), Metrics.RESAMPLES, seed);
          points.add(new DriftPoint(start, x.length, Agreement.mean(x), Range.of(ci)));
        });
    return points;
  }

  private static double[] unbox(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static Double defined(double x) {
    return Double.isNaN(x) ? null : x;
  }
}

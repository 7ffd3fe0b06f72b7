package dev.assay.evaluation.probe;

import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * What {@code assay probe} measured: per perturbation, the change of the score (variant minus base,
 * shares of the scale) over the answers it applies to, with a 95% interval of the mean (Student's t
 * on the paired differences), the mean absolute change and the largest. A mean whose interval lies
 * above 0 for {@code filler} means the grader rewards length.
 */
public record ProbeReport(
    String dataset,
    String grader,
    String workspace,
    int answers,
    List<Kind> perturbations,
    double seconds,
    List<Shift> shifts) {

  /** One perturbation's figures; the interval ends are null below two applicable answers. */
  public record Kind(
      String kind,
      String label,
      int applicable,
      int notApplicable,
      double meanShift,
      Double low,
      Double high,
      double meanAbsShift,
      double maxAbsShift,
      int raised,
      int lowered) {

    static Kind of(Perturbation p, List<Double> shifts, int notApplicable) {
      SummaryStatistics s = new SummaryStatistics();
      SummaryStatistics abs = new SummaryStatistics();
      shifts.forEach(
          d -> {
            s.addValue(d);
            abs.addValue(Math.abs(d));
          });
      long n = s.getN();
      Double low = null;
      Double high = null;
      if (n >= 2) {
        double t = new TDistribution(n - 1).inverseCumulativeProbability(0.975);
        double half = t * s.getStandardDeviation() / Math.sqrt(n);
        low = round(s.getMean() - half);
        high = round(s.getMean() + half);
      }
      return new Kind(
          p.wire(),
          p.label(),
          (int) n,
          notApplicable,
          n == 0 ? 0 : round(s.getMean()),
          low,
          high,
          n == 0 ? 0 : round(abs.getMean()),
          n == 0 ? 0 : round(abs.getMax()),
          (int) shifts.stream().filter(d -> d > RAISED).count(),
          (int) shifts.stream().filter(d -> d < -RAISED).count());
    }
  }

  /** One graded variant: its row, question, kind, and base and variant scores. */
  public record Shift(int row, String questionId, String kind, double base, double variant) {}

  /** A change smaller than this (a hundredth of the scale) is counted as none. */
  static final double RAISED = 0.01;

  static double round(double x) {
    return Math.round(x * 10000) / 10000.0;
  }

  /** The headline table, one line per perturbation. */
  public String table() {
    StringBuilder out =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%s, %d answers, grader %s (%.0f s)%n%-40s %5s %9s %19s %8s %8s %7s%n",
                dataset,
                answers,
                grader,
                seconds,
                "perturbation",
                "n",
                "mean",
                "95% interval",
                "mean|d|",
                "max|d|",
                "up/down"));
    for (Kind k : perturbations) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-40s %5d %+9.4f %19s %8.4f %8.4f %3d/%-3d%n",
              k.label(),
              k.applicable(),
              k.meanShift(),
              k.low() == null
                  ? "-"
                  : String.format(Locale.ROOT, "[%+.4f, %+.4f]", k.low(), k.high()),
              k.meanAbsShift(),
              k.maxAbsShift(),
              k.raised(),
              k.lowered()));
    }
    return out.toString();
  }
}

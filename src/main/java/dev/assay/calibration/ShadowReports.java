package dev.assay.calibration;

import dev.assay.grading.GraderConfig;
import dev.assay.grading.GraderConfigs;
import dev.assay.grading.ShadowGrades;
import dev.assay.grading.ShadowGrades.Pair;
import dev.assay.metrics.Agreement;
import dev.assay.metrics.Metrics;
import dev.assay.platform.ApiException;
import dev.assay.review.HumanReviews;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How a shadow configuration compares on live traffic: with the active configuration on every
 * answer both graded, and with people on the answers a reviewer confirmed or overrode (where the
 * active configuration's figures on the same answers are shown next to it).
 */
@ApplicationScoped
class ShadowReports {
  private final ShadowGrades shadowGrades;
  private final GraderConfigs configs;
  private final HumanReviews humans;

  ShadowReports(ShadowGrades shadowGrades, GraderConfigs configs, HumanReviews humans) {
    this.shadowGrades = shadowGrades;
    this.configs = configs;
    this.humans = humans;
  }

  record Report(
      String shadowConfig,
      String activeConfig,
      OffsetDateTime from,
      OffsetDateTime to,
      int shadowGrades,
      Figures shadowVsActive,
      int reviewed,
      Figures shadowVsHuman,
      Figures activeVsHuman) {}

  /** Agreement of the first scores with the second; null where undefined (or n is 0). */
  record Figures(
      int n,
      Double qwk,
      Agreement.Interval qwkCi,
      Double pearson,
      Double mae,
      Double exact,
      Double adjacent,
      Double smd,
      Double meanFirst,
      Double meanSecond) {
    static Figures of(double[] first, double[] second) {
      if (first.length == 0) {
        return new Figures(0, null, null, null, null, null, null, null, null, null);
      }
      Agreement.Summary s = Agreement.summarise(first, second, Metrics.QUARTERS, Metrics.SEED);
      return new Figures(
          s.n(),
          defined(s.qwk()),
          s.qwkCi(),
          defined(s.pearson()),
          defined(s.mae()),
          defined(s.exact()),
          defined(s.adjacent()),
          defined(s.smd()),
          Agreement.mean(first),
          Agreement.mean(second));
    }

    private static Double defined(double x) {
      return Double.isNaN(x) ? null : x;
    }
  }

  /** The report for shadow grades made in [from, to) by {@code ref} (default: the current one). */
  Report report(long ws, String ref, OffsetDateTime from, OffsetDateTime to) {
    GraderConfig shadow =
        ref != null
            ? configs.find(ws, ref)
            : configs
                .shadow(ws)
                .orElseThrow(
                    () ->
                        ApiException.conflict(
                            "no-shadow", "no shadow configuration is set; name one with config"));
    OffsetDateTime end = to != null ? to : OffsetDateTime.now(ZoneOffset.UTC);
    OffsetDateTime start = from != null ? from : end.minusDays(30);
    if (start.isAfter(end)) {
      throw ApiException.badField("from", "must not be after to");
    }
    List<Pair> pairs = shadowGrades.pairs(ws, shadow.id(), start, end);
    Map<UUID, HumanReviews.Automated> automated = new java.util.LinkedHashMap<>();
    pairs.forEach(
        p -> automated.put(p.gradeId(), new HumanReviews.Automated(p.activeScore(), p.scale())));
    Map<UUID, Double> human = humans.humanShares(automated);
    List<Pair> reviewed = pairs.stream().filter(p -> human.containsKey(p.gradeId())).toList();
    double[] h = reviewed.stream().mapToDouble(p -> human.get(p.gradeId())).toArray();
    return new Report(
        shadow.ref(),
        configs.active(ws).ref(),
        start,
        end,
        pairs.size(),
        Figures.of(
            pairs.stream().mapToDouble(Pair::shadow).toArray(),
            pairs.stream().mapToDouble(Pair::active).toArray()),
        reviewed.size(),
        Figures.of(reviewed.stream().mapToDouble(Pair::shadow).toArray(), h),
        Figures.of(reviewed.stream().mapToDouble(Pair::active).toArray(), h));
  }
}

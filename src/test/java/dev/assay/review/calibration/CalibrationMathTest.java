package dev.assay.review.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.assay.review.calibration.CalibrationMath.Item;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The calibration figures without I/O: leave-one-out, the lean, drift buckets. */
class CalibrationMathTest {
  private static final UUID R = UUID.randomUUID();
  private static final UUID A = UUID.randomUUID();
  private static final UUID B = UUID.randomUUID();

  /** Items where R, A and B scored the given shares. */
  private static List<Item> items(List<Double> r, List<Double> a, List<Double> b) {
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < r.size(); i++) {
      Map<UUID, Double> scores = new LinkedHashMap<>();
      scores.put(R, r.get(i));
      scores.put(A, a.get(i % a.size()));
      scores.put(B, b.get(i % b.size()));
      items.add(new Item(0.5, scores));
    }
    return items;
  }

  @Test
  void aReviewersOwnScoresNeverMoveTheirConsensus() {
    // Shifting R by d moves R's mean difference by exactly d: the consensus leaves R out.
    qt().withExamples(100)
        .forAll(
            lists().of(doubles().between(0, 0.5)).ofSizeBetween(2, 12),
            lists().of(doubles().between(0, 1)).ofSizeBetween(1, 12),
            doubles().between(0, 0.5))
        .checkAssert(
            (r, others, d) -> {
              List<Double> shifted = r.stream().map(x -> x + d).toList();
              double before =
                  CalibrationMath.figures(R, items(r, others, others), 0.25, 42)
                      .lean()
                      .meanDifference();
              double after =
                  CalibrationMath.figures(R, items(shifted, others, others), 0.25, 42)
                      .lean()
                      .meanDifference();
              assertEquals(before + d, after, 1e-9);
            });
  }

  @Test
  void aReviewerWhoAgreesWithEveryoneIsInLine() {
    qt().withExamples(100)
        .forAll(lists().of(integers().between(0, 4)).ofSizeBetween(2, 12))
        .checkAssert(
            quarters -> {
              List<Double> s = quarters.stream().map(q -> q / 4.0).toList();
              CalibrationMath.Figures f = CalibrationMath.figures(R, items(s, s, s), 0.25, 42);
              assertEquals(0, f.consensus().mae(), 1e-12);
              assertEquals(0, f.lean().meanDifference(), 1e-12);
              assertEquals(Leaning.IN_LINE, f.lean().leaning());
            });
  }

  @Test
  void aReviewerAloneHasNoConsensus() {
    Item only = new Item(0.25, Map.of(R, 0.75));
    CalibrationMath.Figures f = CalibrationMath.figures(R, List.of(only, only), 0.25, 42);
    assertEquals(2, f.scored());
    assertEquals(0, f.consensus().n());
    assertNull(f.consensus().qwk());
    assertEquals(Leaning.UNKNOWN, f.lean().leaning());
    assertEquals(0.5, f.automated().mae(), 1e-12);
  }

  @Test
  void driftGroupsOverridesByUtcWeekFromMonday() {
    List<CalibrationMath.Delta> deltas =
        List.of(
            new CalibrationMath.Delta(OffsetDateTime.parse("2026-11-22T23:30:00-02:00"), 0.25),
            new CalibrationMath.Delta(OffsetDateTime.parse("2026-11-23T10:00:00Z"), -0.25),
            new CalibrationMath.Delta(OffsetDateTime.parse("2026-11-29T23:59:00Z"), 0.75));
    List<CalibrationMath.DriftPoint> weeks = CalibrationMath.drift(deltas, DriftPeriod.WEEK, 42);
    // 23:30 at -02:00 on Sunday the 22nd is 01:30 UTC on Monday the 23rd: all in one week.
    assertEquals(1, weeks.size());
    assertEquals("2026-11-23", weeks.get(0).periodStart().toString());
    assertEquals(3, weeks.get(0).n());
    assertEquals(0.25, weeks.get(0).meanChange(), 1e-12);
    List<CalibrationMath.DriftPoint> months = CalibrationMath.drift(deltas, DriftPeriod.MONTH, 42);
    assertEquals("2026-11-01", months.get(0).periodStart().toString());
  }
}

package dev.assay.review.calibration;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.assay.platform.WireNames;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/**
 * The buckets a reviewer's overrides are grouped into for drift: UTC weeks (from Monday) or months.
 */
public enum DriftPeriod {
  WEEK,
  MONTH;

  @JsonValue
  public String wire() {
    return WireNames.of(this);
  }

  /** The first day of the period {@code at} falls in, in UTC. */
  LocalDate start(OffsetDateTime at) {
    LocalDate day = at.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
    return switch (this) {
      case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> day.withDayOfMonth(1);
    };
  }
}

package dev.assay.web;

import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * A horizontal bar chart drawn on the server as SVG with one bar per series in each row (one to
 * three series), on a shared 0..max axis. Every value is also written next to its bar and listed in
 * a table under the chart, so the figures do not depend on seeing the colours.
 */
@TemplateData
public record GroupedBars(
    String title, List<String> series, List<Row> rows, int width, int height, String id) {
  private static final int LABEL = 300;
  private static final int PLOT = 420;
  private static final int BAR = 12;
  private static final int GAP = 10;

  /** A row: its label and its bars, one per series. */
  @TemplateData
  public record Row(String label, int y, List<Bar> bars) {
    public int labelY() {
      return y + (bars.size() * (BAR + 2)) / 2 + 4;
    }
  }

  /** A drawn bar: where it is, how long, its value as text and its series index (for colour). */
  @TemplateData
  public record Bar(int y, int width, String value, int series) {
    public int textY() {
      return y + BAR - 2;
    }

    public int textX() {
      return LABEL + width + 6;
    }
  }

  /** A row of data before drawing: one value per series. */
  public record Datum(String label, List<Double> values) {}

  /**
   * Draws {@code data}; {@code max} is the axis end (the largest value when 0), {@code format}
   * writes a value (a share as a percentage, milliseconds, counts).
   */
  public static GroupedBars of(
      String id,
      String title,
      List<String> series,
      List<Datum> data,
      double max,
      DoubleFunction<String> format) {
    double end = max;
    if (end <= 0) {
      end = data.stream().flatMap(d -> d.values().stream()).mapToDouble(v -> v).max().orElse(0);
    }
    double scale = end <= 0 ? 0 : PLOT / end;
    int rowHeight = series.size() * (BAR + 2) + GAP;
    List<Row> rows = new ArrayList<>();
    for (Datum d : data) {
      int y = rows.size() * rowHeight;
      List<Bar> bars = new ArrayList<>();
      for (int i = 0; i < d.values().size(); i++) {
        double v = d.values().get(i);
        bars.add(
            new Bar(
                y + i * (BAR + 2),
                (int) Math.round(Math.max(0, Math.min(v, end)) * scale),
                format.apply(v),
                i));
      }
      rows.add(new Row(d.label(), y, bars));
    }
    return new GroupedBars(
        title, series, rows, LABEL + PLOT + 90, Math.max(rowHeight, rows.size() * rowHeight), id);
  }

  public int plotX() {
    return LABEL;
  }

  public int labelX() {
    return LABEL - 8;
  }

  public int barHeight() {
    return BAR;
  }
}

package dev.assay.web;

import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;

/**
 * A small horizontal bar chart drawn on the server as SVG (no script, no CDN): each row is one or
 * two bars on a shared 0..max axis, so pages print it with a plain {@code <rect>} per bar. Values
 * are also listed as text next to the bars, so the chart is readable without seeing it.
 */
@TemplateData
public record BarChart(
    String title, List<Row> rows, int width, int height, String legendA, String legendB) {
  private static final int LABEL = 320;
  private static final int ROW = 34;
  private static final int PLOT = 420;

  /** One drawn row: its label, its bars' widths in pixels and their values as text. */
  @TemplateData
  public record Row(String label, int y, int widthA, String valueA, Integer widthB, String valueB) {
    /** Where the value is written: just after the longer bar. */
    public int valueX() {
      return LABEL + Math.max(widthA, widthB == null ? 0 : widthB) + 6;
    }

    public int barBY() {
      return y + 13;
    }
  }

  /** A row of data before drawing; {@code b} may be null for a one-bar chart. */
  public record Datum(String label, double a, Double b) {}

  public static BarChart of(
      String title, List<Datum> data, double max, String legendA, String legendB) {
    List<Row> rows = new ArrayList<>();
    double scale = max <= 0 ? 0 : PLOT / max;
    for (Datum d : data) {
      int y = rows.size() * ROW;
      rows.add(
          new Row(
              d.label(),
              y,
              (int) Math.round(Math.max(0, d.a()) * scale),
              Formats.num(d.a()),
              d.b() == null ? null : (int) Math.round(Math.max(0, d.b()) * scale),
              d.b() == null ? null : Formats.num(d.b())));
    }
    return new BarChart(
        title, rows, LABEL + PLOT + 80, Math.max(ROW, rows.size() * ROW), legendA, legendB);
  }

  /** Where the bars start (after the labels). */
  public int plotX() {
    return LABEL;
  }

  /** Where the labels end. */
  public int labelX() {
    return LABEL - 8;
  }
}

package dev.assay.web;

import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;

/**
 * A horizontal stacked bar chart drawn on the server as SVG: one full-width bar per row split into
 * the shares of its parts (for example the score bands of one question's grades). Counts are also
 * listed in a table under the chart.
 */
@TemplateData
public record StackedBars(
    String title, List<String> parts, List<Row> rows, int width, int height, String id) {
  private static final int LABEL = 300;
  private static final int PLOT = 480;
  private static final int ROW = 30;

  /** A row: its label, its segments and the counts behind them. */
  @TemplateData
  public record Row(String label, int y, List<Segment> segments, List<Long> counts) {
    public int textY() {
      return y + 16;
    }
  }

  /** A drawn segment: its x, width and part index (for colour). */
  @TemplateData
  public record Segment(int x, int width, int part, String name, long count) {}

  /** A row of data before drawing: one count per part. */
  public record Datum(String label, List<Long> counts) {}

  public static StackedBars of(String id, String title, List<String> parts, List<Datum> data) {
    List<Row> rows = new ArrayList<>();
    for (Datum d : data) {
      long total = d.counts().stream().mapToLong(Long::longValue).sum();
      List<Segment> segments = new ArrayList<>();
      int x = LABEL;
      for (int i = 0; i < d.counts().size(); i++) {
        long c = d.counts().get(i);
        int w = total == 0 ? 0 : (int) Math.round(PLOT * (double) c / total);
        if (w > 0) {
          segments.add(new Segment(x, w, i, parts.get(i), c));
        }
        x += w;
      }
      rows.add(new Row(d.label(), rows.size() * ROW, segments, d.counts()));
    }
    return new StackedBars(
        title, parts, rows, LABEL + PLOT + 10, Math.max(ROW, rows.size() * ROW), id);
  }

  public int labelX() {
    return LABEL - 8;
  }
}

package dev.assay.fairness;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An audit summary in the shape NYC Local Law 144 bias audits publish (DCWP rules, 6 RCNY 5-300):
 * per category the number of candidates, the selection rate (at or above the pass mark) and the
 * scoring rate (above the median score of all candidates), each with its impact ratio (the rate
 * over the highest rate of any category in the table). Candidates who did not report an attribute
 * are counted apart and left out of that attribute's ratios; categories with fewer candidates than
 * the minimum group size, or under 2% of the candidates, are shown with their count but left out of
 * the ratios, as the rules allow.
 */
public record BiasAudit(
    String standard,
    OffsetDateTime from,
    OffsetDateTime to,
    String basis,
    double passMark,
    int candidates,
    double medianScore,
    int minGroupSize,
    List<Table> tables,
    List<String> notes) {

  static final String STANDARD =
      "NYC Local Law 144 of 2021 bias audit summary (DCWP rules, 6 RCNY 5-300): selection and"
          + " scoring rates and impact ratios per category";
  static final double MIN_SHARE = 0.02;

  /** One category type: an attribute, or two attributes crossed ("a x b"). */
  public record Table(String categoryType, List<Row> rows, int notReported) {}

  /** A category; rates and ratios are null when the category is left out ({@code excluded}). */
  public record Row(
      String category,
      int candidates,
      Double selectionRate,
      Double selectionImpactRatio,
      Double scoringRate,
      Double scoringImpactRatio,
      String excluded) {}

  /** The candidates' scores by category for one category type. */
  static Table table(
      String categoryType, Map<String, List<Double>> byCategory, int notReported, Rules rules) {
    Map<String, double[]> sorted = new TreeMap<>();
    byCategory.forEach(
        (k, v) -> sorted.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
    double bestSelection = 0;
    double bestScoring = 0;
    for (Map.Entry<String, double[]> e : sorted.entrySet()) {
      if (rules.excluded(e.getValue().length) == null) {
        bestSelection =
            Math.max(bestSelection, GroupStats.rateAtOrAbove(e.getValue(), rules.passMark()));
        bestScoring = Math.max(bestScoring, GroupStats.rateAbove(e.getValue(), rules.median()));
      }
    }
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, double[]> e : sorted.entrySet()) {
      double[] x = e.getValue();
      String excluded = rules.excluded(x.length);
      if (excluded != null) {
        rows.add(new Row(e.getKey(), x.length, null, null, null, null, excluded));
        continue;
      }
      double selection = GroupStats.rateAtOrAbove(x, rules.passMark());
      double scoring = GroupStats.rateAbove(x, rules.median());
      rows.add(
          new Row(
              e.getKey(),
              x.length,
              FairnessReports.round(selection),
              bestSelection == 0 ? null : FairnessReports.round(selection / bestSelection),
              FairnessReports.round(scoring),
              bestScoring == 0 ? null : FairnessReports.round(scoring / bestScoring),
              null));
    }
    return new Table(categoryType, rows, notReported);
  }

  /** What decides rates and exclusions: the pass mark, the overall median, group minimums. */
  record Rules(double passMark, double median, int minGroupSize, int total) {
    String excluded(int n) {
      if (n < minGroupSize) {
        return "fewer than " + minGroupSize + " candidates";
      }
      if (n < MIN_SHARE * total) {
        return "under 2% of the candidates";
      }
      return null;
    }
  }

  static final List<String> CSV_COLUMNS =
      List.of(
          "category_type",
          "category",
          "candidates",
          "selection_rate",
          "selection_impact_ratio",
          "scoring_rate",
          "scoring_impact_ratio",
          "excluded_from_ratios");

  /** The tables as CSV (RFC 4180), one row per category, plus one per not-reported count. */
  String csv() {
    StringBuilder out = new StringBuilder(String.join(",", CSV_COLUMNS)).append('\n');
    for (Table t : tables) {
      for (Row r : t.rows()) {
        out.append(
                String.join(
                    ",",
                    cell(t.categoryType()),
                    cell(r.category()),
                    String.valueOf(r.candidates()),
                    number(r.selectionRate()),
                    number(r.selectionImpactRatio()),
                    number(r.scoringRate()),
                    number(r.scoringImpactRatio()),
                    cell(r.excluded())))
            .append('\n');
      }
      out.append(cell(t.categoryType()))
          .append(",")
          .append(cell(FairnessReports.NOT_REPORTED))
          .append(",")
          .append(t.notReported())
          .append(",,,,,")
          .append(cell("not reported: counted, not in the ratios"))
          .append('\n');
    }
    return out.toString();
  }

  private static String number(Double x) {
    return x == null ? "" : String.format(Locale.ROOT, "%.4f", x);
  }

  private static String cell(String s) {
    if (s == null) {
      return "";
    }
    return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
        ? "\"" + s.replace("\"", "\"\"") + "\""
        : s;
  }
}

package dev.assay.bank;

import dev.assay.web.Formats;
import dev.assay.web.WordDiff;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What changed from one rubric version to another, for a person to read: the scale, the criteria
 * added and removed, and for each criterion kept what changed in its description, weight, level
 * descriptors and hint, word by word. Criteria are matched by key; they are listed in the newer
 * version's order, then the removed ones.
 */
@TemplateData
record RubricDiff(
    BankViews.RubricView from, BankViews.RubricView to, List<CriterionChange> criteria) {

  /** What happened to a criterion. */
  enum Status {
    ADDED("added"),
    REMOVED("removed"),
    CHANGED("changed"),
    UNCHANGED("unchanged");

    final String word;

    Status(String word) {
      this.word = word;
    }
  }

  /** One criterion's fate and the fields that differ (all of them when added or removed). */
  @TemplateData
  record CriterionChange(String key, Status status, List<Field> fields) {
    public String statusWord() {
      return status.word;
    }

    public String badge() {
      return switch (status) {
        case ADDED -> "ok";
        case REMOVED -> "bad";
        case CHANGED -> "warn";
        case UNCHANGED -> "info";
      };
    }
  }

  /** A field of a criterion, before and after, word by word. */
  @TemplateData
  record Field(String name, WordDiff diff) {}

  static RubricDiff between(BankViews.RubricView from, BankViews.RubricView to) {
    Map<String, BankViews.CriterionView> before = byKey(from);
    Map<String, BankViews.CriterionView> after = byKey(to);
    List<CriterionChange> out = new ArrayList<>();
    for (BankViews.CriterionView c : to.criteria()) {
      BankViews.CriterionView old = before.get(c.key());
      List<Field> fields = fields(old, c);
      Status status =
          old == null ? Status.ADDED : fields.isEmpty() ? Status.UNCHANGED : Status.CHANGED;
      out.add(new CriterionChange(c.key(), status, fields));
    }
    for (BankViews.CriterionView c : from.criteria()) {
      if (!after.containsKey(c.key())) {
        out.add(new CriterionChange(c.key(), Status.REMOVED, fields(c, null)));
      }
    }
    return new RubricDiff(from, to, List.copyOf(out));
  }

  /** Whether the scale (the maximum score of every criterion) changed. */
  public boolean scaleChanged() {
    return from.scale() != to.scale();
  }

  /** How many criteria have the status, for the summary line. */
  public long count(String status) {
    return criteria.stream().filter(c -> c.status.word.equals(status)).count();
  }

  private static Map<String, BankViews.CriterionView> byKey(BankViews.RubricView rubric) {
    Map<String, BankViews.CriterionView> out = new LinkedHashMap<>();
    rubric.criteria().forEach(c -> out.put(c.key(), c));
    return out;
  }

  /** The fields that differ; with one side null, every field of the other. */
  private static List<Field> fields(BankViews.CriterionView a, BankViews.CriterionView b) {
    List<Field> out = new ArrayList<>();
    field(out, "Description", a, b, BankViews.CriterionView::description);
    field(out, "Weight", a, b, c -> Formats.num(c.weight()));
    field(out, "Strong answers", a, b, c -> c.levels().strong());
    field(out, "Acceptable answers", a, b, c -> c.levels().acceptable());
    field(out, "Weak answers", a, b, c -> c.levels().weak());
    field(out, "Hint for candidates", a, b, BankViews.CriterionView::hint);
    return out;
  }

  private static void field(
      List<Field> out,
      String name,
      BankViews.CriterionView a,
      BankViews.CriterionView b,
      java.util.function.Function<BankViews.CriterionView, String> get) {
    String before = a == null ? null : get.apply(a);
    String after = b == null ? null : get.apply(b);
    if (!Objects.equals(before, after)) {
      WordDiff diff = WordDiff.of(before, after);
      if (diff.changed()) {
        out.add(new Field(name, diff));
      }
    }
  }
}

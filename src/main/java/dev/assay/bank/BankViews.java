package dev.assay.bank;

import dev.assay.exemplar.Label;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Response bodies of the bank API. */
public final class BankViews {
  private BankViews() {}

  /** A question in a list. */
  record QuestionSummary(
      String id,
      String title,
      String area,
      List<String> tags,
      int rubricVersion,
      int criteria,
      ExemplarCounts exemplars) {}

  /** A question with its active rubric. */
  record QuestionDetail(
      String id,
      String title,
      String prompt,
      String area,
      List<String> tags,
      RubricView rubric,
      ExemplarCounts exemplars,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt) {}

  /** One rubric version; every criterion is scored on 0..maxScore. */
  record RubricView(
      int version,
      int scale,
      String contentHash,
      OffsetDateTime createdAt,
      List<CriterionView> criteria) {
    static RubricView of(RubricVersion r) {
      return new RubricView(
          r.version,
          r.scale,
          r.contentHash,
          r.createdAt,
          r.criteria.stream()
              .map(
                  c ->
                      new CriterionView(
                          c.key(), c.description(), c.weight(), 0, r.scale, c.levels(), c.hint()))
              .toList());
    }
  }

  /**
   * A rubric criterion with its score range, level descriptors and candidate-facing hint (null when
   * the criterion has none).
   */
  record CriterionView(
      String key,
      String description,
      double weight,
      int minScore,
      int maxScore,
      CriterionSpec.Levels levels,
      String hint) {}

  /** Active exemplars of a question by label. */
  record ExemplarCounts(int strong, int acceptable, int weak) {
    static ExemplarCounts of(Map<Label, Integer> counts) {
      Map<Label, Integer> c = counts == null ? new EnumMap<>(Label.class) : counts;
      return new ExemplarCounts(
          c.getOrDefault(Label.STRONG, 0),
          c.getOrDefault(Label.ACCEPTABLE, 0),
          c.getOrDefault(Label.WEAK, 0));
    }
  }

  /** One page of a list. */
  record Page<T>(List<T> items, int page, int size, long total) {}

  /** An interview area. */
  record AreaView(String key, String title, String description) {}

  /** A role profile with its per-area weights. */
  record RoleView(String id, String name, String description, Map<String, Double> areaWeights) {}

  /** What an import changed. */
  public record ImportReport(
      int areas,
      int roles,
      int questionsCreated,
      int questionsUpdated,
      int questionsUnchanged,
      int rubricVersionsCreated,
      int exemplarsCreated,
      int exemplarsUpdated,
      int exemplarsUnchanged,
      int exemplarsDeactivated,
      long durationMs) {}
}

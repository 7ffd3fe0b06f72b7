package dev.assay.bank;

import dev.assay.exemplar.ExemplarSpec;
import dev.assay.metrics.Metrics;
import dev.assay.platform.Problem.FieldError;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rules that span fields, checked after Bean Validation: unique ids, weights that sum to one, known
 * areas, and exemplar scores that fit the rubric. Each breach names the offending field.
 */
final class BankRules {
  private static final double WEIGHT_TOLERANCE = 0.01;

  private BankRules() {}

  static void checkDocument(BankDocument doc, Set<String> storedAreas, List<FieldError> errors) {
    Set<String> areas = new HashSet<>(storedAreas);
    unique(doc.areas().stream().map(AreaSpec::key).toList(), "areas", "key", errors);
    doc.areas().forEach(a -> areas.add(a.key()));
    unique(doc.roles().stream().map(RoleSpec::id).toList(), "roles", "id", errors);
    for (int i = 0; i < doc.roles().size(); i++) {
      checkRole(doc.roles().get(i), areas, "roles[" + i + "]", errors);
    }
    unique(doc.questions().stream().map(QuestionSpec::id).toList(), "questions", "id", errors);
    for (int i = 0; i < doc.questions().size(); i++) {
      QuestionSpec q = doc.questions().get(i);
      String at = "questions[" + i + "]";
      checkQuestion(q, areas, at, errors);
      for (int j = 0; j < q.exemplars().size(); j++) {
        if (q.exemplars().get(j).id() == null) {
          errors.add(new FieldError(at + ".exemplars[" + j + "].id", "is required in a bank file"));
        }
      }
    }
  }

  static void checkQuestion(QuestionSpec q, Set<String> areas, String at, List<FieldError> errors) {
    if (q.area() == null) {
      errors.add(new FieldError(join(at, "area"), "is required (on the question or the file)"));
    } else if (!areas.contains(q.area())) {
      errors.add(new FieldError(join(at, "area"), "unknown area '" + q.area() + "'"));
    }
    if (q.rubric() == null || q.rubric().criteria() == null) {
      return;
    }
    checkRubric(q.rubric(), join(at, "rubric"), errors);
    unique(
        q.exemplars().stream().map(ExemplarSpec::id).toList(), join(at, "exemplars"), "id", errors);
    for (int j = 0; j < q.exemplars().size(); j++) {
      checkExemplar(q.rubric(), q.exemplars().get(j), join(at, "exemplars[" + j + "]"), errors);
    }
  }

  static void checkRubric(RubricSpec rubric, String at, List<FieldError> errors) {
    List<CriterionSpec> criteria = rubric.criteria();
    if (criteria == null || criteria.stream().anyMatch(c -> c == null || c.weight() == null)) {
      return;
    }
    unique(criteria.stream().map(CriterionSpec::key).toList(), join(at, "criteria"), "key", errors);
    double sum = criteria.stream().mapToDouble(CriterionSpec::weight).sum();
    if (Math.abs(sum - 1.0) > WEIGHT_TOLERANCE) {
      errors.add(
          new FieldError(
              join(at, "criteria"), "weights must sum to 1.0 but sum to " + Metrics.round(sum, 3)));
    }
  }

  static void checkExemplar(RubricSpec rubric, ExemplarSpec e, String at, List<FieldError> errors) {
    if (rubric.scale() == null || rubric.criteria() == null) {
      return;
    }
    if (e.score() != null && e.score() > rubric.scale()) {
      errors.add(
          new FieldError(join(at, "score"), "must be at most the rubric scale " + rubric.scale()));
    }
    Set<String> keys = new HashSet<>();
    rubric.criteria().forEach(c -> keys.add(c.key()));
    e.criterionScores()
        .forEach(
            (key, score) -> {
              if (!keys.contains(key)) {
                errors.add(
                    new FieldError(
                        join(at, "criterionScores." + key), "is not a criterion of the rubric"));
              } else if (score != null && score > rubric.scale()) {
                errors.add(
                    new FieldError(
                        join(at, "criterionScores." + key),
                        "must be at most the rubric scale " + rubric.scale()));
              }
            });
  }

  private static void checkRole(
      RoleSpec role, Set<String> areas, String at, List<FieldError> errors) {
    if (role.areaWeights() == null) {
      return;
    }
    double sum = 0;
    for (Map.Entry<String, Double> w : role.areaWeights().entrySet()) {
      if (!areas.contains(w.getKey())) {
        errors.add(new FieldError(join(at, "areaWeights." + w.getKey()), "unknown area"));
      }
      sum += w.getValue() == null ? 0 : w.getValue();
    }
    if (Math.abs(sum - 1.0) > WEIGHT_TOLERANCE) {
      errors.add(
          new FieldError(
              join(at, "areaWeights"),
              "weights must sum to 1.0 but sum to " + Metrics.round(sum, 3)));
    }
  }

  private static void unique(
      Collection<String> ids, String at, String field, List<FieldError> errors) {
    Set<String> seen = new HashSet<>();
    int i = 0;
    for (String id : ids) {
      if (id != null && !seen.add(id)) {
        errors.add(new FieldError(at + "[" + i + "]." + field, "duplicate '" + id + "'"));
      }
      i++;
    }
  }

  /** {@code at.field}, or just {@code field} at the top of the body. */
  static String join(String at, String field) {
    return at.isEmpty() ? field : at + "." + field;
  }
}

package dev.assay.platform;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Bean Validation results as field errors named by their path in the request body. */
public final class Violations {
  private Violations() {}

  /** Field errors sorted by path, e.g. {@code questions[2].rubric.criteria[0].weight}. */
  public static List<Problem.FieldError> fieldErrors(
      Collection<? extends ConstraintViolation<?>> violations, String prefix) {
    List<Problem.FieldError> errors = new ArrayList<>();
    for (ConstraintViolation<?> v : violations) {
      String field = fieldOf(v.getPropertyPath());
      String path = prefix.isEmpty() ? field : field.isEmpty() ? prefix : prefix + "." + field;
      errors.add(new Problem.FieldError(path.isEmpty() ? "body" : path, v.getMessage()));
    }
    errors.sort(Comparator.comparing(Problem.FieldError::field));
    return errors;
  }

  /** Drops the method and parameter nodes so the path names the body field. */
  private static String fieldOf(Path path) {
    List<String> parts = new ArrayList<>();
    for (Path.Node node : path) {
      if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER) {
        continue;
      }
      if (node.getIndex() != null && !parts.isEmpty()) {
        int last = parts.size() - 1;
        parts.set(last, parts.get(last) + "[" + node.getIndex() + "]");
      } else if (node.getKey() != null && !parts.isEmpty()) {
        int last = parts.size() - 1;
        parts.set(last, parts.get(last) + "." + node.getKey());
      }
      String name = node.getName();
      if (name != null && !name.startsWith("<")) {
        parts.add(name);
      }
    }
    return String.join(".", parts);
  }
}

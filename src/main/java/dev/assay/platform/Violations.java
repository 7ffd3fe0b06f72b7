package dev.assay.platform;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
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
      String param = requestParameter(v);
      String field = param != null ? param : fieldOf(v.getPropertyPath());
      String path = prefix.isEmpty() ? field : field.isEmpty() ? prefix : prefix + "." + field;
      errors.add(new Problem.FieldError(path.isEmpty() ? "body" : path, v.getMessage()));
    }
    errors.sort(Comparator.comparing(Problem.FieldError::field));
    return errors;
  }

  /**
   * The query, path or header parameter a violation is about ({@code ?size=-1} names {@code size}),
   * or null when it is about the body.
   */
  private static String requestParameter(ConstraintViolation<?> v) {
    Path.MethodNode method = null;
    Path.ParameterNode parameter = null;
    int nodes = 0;
    for (Path.Node node : v.getPropertyPath()) {
      nodes++;
      if (node.getKind() == ElementKind.METHOD) {
        method = node.as(Path.MethodNode.class);
      } else if (node.getKind() == ElementKind.PARAMETER) {
        parameter = node.as(Path.ParameterNode.class);
      }
    }
    if (method == null || parameter == null || nodes != 2 || v.getRootBeanClass() == null) {
      return null;
    }
    Class<?>[] types = method.getParameterTypes().toArray(Class<?>[]::new);
    // The validated bean may be a generated subclass of the resource: look up the hierarchy.
    for (Class<?> c = v.getRootBeanClass(); c != null; c = c.getSuperclass()) {
      try {
        Method m = c.getDeclaredMethod(method.getName(), types);
        for (Annotation a : m.getParameterAnnotations()[parameter.getParameterIndex()]) {
          if (a instanceof QueryParam q) {
            return q.value();
          }
          if (a instanceof PathParam p) {
            return p.value();
          }
          if (a instanceof HeaderParam h) {
            return h.value();
          }
        }
        break;
      } catch (NoSuchMethodException e) {
        // declared further up
      }
    }
    // The Java name (compiled with -parameters) matches the query parameter's by convention.
    return parameter.getName();
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

package dev.assay.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.grading.GradeRequest;
import dev.assay.platform.Problem;
import dev.assay.platform.Violations;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch's answers as submitted, each checked on its own: a JSON {@code items} array or a JSON
 * Lines upload becomes grade requests plus the errors of the lines that are not valid requests,
 * named {@code items[i].field} (JSON) or {@code line N.field} (JSON Lines). An answer's {@code
 * line} is its 1-based position in {@code items}, or its line number in the upload (blank lines
 * skipped).
 */
final class BatchInput {
  /** A line that parsed, with its 1-based position and how errors name it. */
  record Parsed(int line, String where, GradeRequest request) {}

  record Result(List<Parsed> requests, List<Problem.FieldError> errors) {}

  private BatchInput() {}

  static Result fromItems(List<JsonNode> items, ObjectMapper json, Validator validator) {
    List<Parsed> ok = new ArrayList<>();
    List<Problem.FieldError> errors = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      parse(items.get(i), i + 1, "items[" + i + "]", json, validator, ok, errors);
    }
    return new Result(ok, errors);
  }

  static Result fromJsonLines(String body, ObjectMapper json, Validator validator) {
    List<Parsed> ok = new ArrayList<>();
    List<Problem.FieldError> errors = new ArrayList<>();
    String[] lines = body.split("\r?\n", -1);
    for (int n = 0; n < lines.length; n++) {
      if (lines[n].isBlank()) {
        continue; // a trailing newline or blank separator line is not an answer
      }
      String where = "line " + (n + 1);
      try {
        parse(json.readTree(lines[n]), n + 1, where, json, validator, ok, errors);
      } catch (JsonProcessingException e) {
        errors.add(new Problem.FieldError(where, "not a JSON object: " + e.getOriginalMessage()));
      }
    }
    return new Result(ok, errors);
  }

  private static void parse(
      JsonNode node,
      int line,
      String where,
      ObjectMapper json,
      Validator validator,
      List<Parsed> ok,
      List<Problem.FieldError> errors) {
    if (node == null || !node.isObject()) {
      errors.add(new Problem.FieldError(where, "must be a grade request object"));
      return;
    }
    GradeRequest request;
    try {
      request = json.treeToValue(node, GradeRequest.class);
    } catch (JsonProcessingException e) {
      errors.add(new Problem.FieldError(where, e.getOriginalMessage()));
      return;
    }
    var violations = validator.validate(request);
    if (!violations.isEmpty()) {
      errors.addAll(Violations.fieldErrors(violations, where));
      return;
    }
    ok.add(new Parsed(line, where, request));
  }
}

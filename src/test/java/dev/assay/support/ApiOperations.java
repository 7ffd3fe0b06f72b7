package dev.assay.support;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every operation of the API as the served OpenAPI document lists it, so tests that must cover
 * every endpoint (access control, hostile input) cover a new one without being told.
 */
public final class ApiOperations {
  private static final List<String> METHODS = List.of("get", "post", "put", "delete", "patch");

  private ApiOperations() {}

  /**
   * One operation: its HTTP method, path template, whether it declares a request body, and the
   * roles it admits (the scopes of its security requirement; empty when it declares none).
   */
  public record Operation(String method, String template, boolean takesBody, Set<String> roles) {
    /** The path with each {@code {param}} replaced by what {@code values} gives for its name. */
    public String path(java.util.function.Function<String, String> values) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(
            out, java.util.regex.Matcher.quoteReplacement(values.apply(m.group(1))));
      }
      return m.appendTail(out).toString();
    }

    @Override
    public String toString() {
      return method + " " + template;
    }
  }

  /** The operations under {@code /api/}, in the document's order. */
  @SuppressWarnings("unchecked")
  public static List<Operation> all() {
    JsonPath doc = RestAssured.given().queryParam("format", "json").get("/q/openapi").jsonPath();
    Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
    List<Operation> out = new ArrayList<>();
    for (var path : paths.entrySet()) {
      if (!path.getKey().startsWith("/api/")) {
        continue;
      }
      for (var op : path.getValue().entrySet()) {
        if (!METHODS.contains(op.getKey())) {
          continue;
        }
        Set<String> roles = new TreeSet<>();
        Object security = op.getValue().get("security");
        if (security instanceof List<?> requirements) {
          for (Object requirement : requirements) {
            ((Map<String, Collection<String>>) requirement).values().forEach(roles::addAll);
          }
        }
        out.add(
            new Operation(
                op.getKey().toUpperCase(Locale.ROOT),
                path.getKey(),
                op.getValue().containsKey("requestBody"),
                Set.copyOf(roles)));
      }
    }
    return out;
  }
}

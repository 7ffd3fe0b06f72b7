package dev.assay.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.support.Api;
import dev.assay.support.TestBank;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The grading request the service must send, written out here from the prompt files, the API's view
 * of the question and the retrieval endpoint, without the service's renderer, so a test comparing
 * it with what the fake LLM received fails when the request changes. Uses the default budget: the
 * most similar strong, acceptable and weak exemplar, texts cut to 50 words, no rationales.
 */
final class ExpectedPrompt {
  static final int STRONG = 1;
  static final int ACCEPTABLE = 1;
  static final int WEAK = 1;
  static final int EXEMPLAR_WORDS = 50;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ExpectedPrompt() {}

  /** A prompt file, e.g. {@code file("v3", "system.md")}. */
  static String file(String version, String name) {
    try {
      return Files.readString(Path.of("prompts/grade", version, name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The retrieved exemplars the default budget shows for {@code answer}, strong first, in the
   * workspace of {@code key}.
   */
  static List<Map<String, Object>> shown(String key, String question, String answer) {
    JsonPath r = TestBank.retrieve(key, question, answer, 3);
    List<Map<String, Object>> shown = new ArrayList<>();
    shown.addAll(r.<Map<String, Object>>getList("strong").stream().limit(STRONG).toList());
    shown.addAll(r.<Map<String, Object>>getList("acceptable").stream().limit(ACCEPTABLE).toList());
    shown.addAll(r.<Map<String, Object>>getList("weak").stream().limit(WEAK).toList());
    return shown;
  }

  static List<String> shownIds(String key, String question, String answer) {
    return shown(key, question, answer).stream().map(e -> (String) e.get("id")).toList();
  }

  /** The v3 user message: one line per criterion, references scored in the rubric's order. */
  static String v3User(String key, String question, String answer) {
    return user(
        "v3",
        "_compact",
        key,
        question,
        answer,
        c ->
            String.format(
                "- %s (weight %.2f) strong: %s weak: %s",
                c.get("key"), weight(c), level(c, "strong"), level(c, "weak")),
        ExpectedPrompt::compactScores);
  }

  /**
   * The v2 user message: every level descriptor, references with their overall score and
   * per-criterion scores by key (no rationale line, as the default budget shows none).
   */
  static String v2User(String key, String question, String answer) {
    return user(
        "v2",
        "",
        key,
        question,
        answer,
        c ->
            String.format(
                "- %s (weight %.2f): %s%n  strong: %s%n  acceptable: %s%n  weak: %s",
                c.get("key"),
                weight(c),
                ((String) c.get("description")).strip(),
                level(c, "strong"),
                level(c, "acceptable"),
                level(c, "weak")),
        (e, keys) -> v2Scores(e));
  }

  /**
   * A version's user template filled in: {@code layout} is the suffix of its rubric and exemplar
   * placeholders, {@code criterion} renders one criterion, {@code scores} a reference's scores.
   */
  private static String user(
      String version,
      String layout,
      String key,
      String question,
      String answer,
      Function<Map<String, Object>, String> criterion,
      BiFunction<Map<String, Object>, List<String>, String> scores) {
    JsonPath q = Api.as(key).get("/api/v1/questions/{id}", question).jsonPath();
    List<Map<String, Object>> criteria = q.getList("rubric.criteria");
    List<String> keys = criteria.stream().map(c -> (String) c.get("key")).toList();
    String rubric = criteria.stream().map(criterion).collect(Collectors.joining("\n"));
    String exemplars =
        shown(key, question, answer).stream()
            .map(e -> reference(e, scores.apply(e, keys)))
            .collect(Collectors.joining("\n"));
    return file(version, "user.md")
        .replace("{{question}}", q.getString("prompt").strip())
        .replace("{{scale}}", String.valueOf(q.getInt("rubric.scale")))
        .replace("{{rubric" + layout + "}}", rubric)
        .replace("{{exemplars" + layout + "}}", exemplars)
        .replace("{{criterion_keys}}", String.join(", ", keys))
        .replace("{{answer}}", literal(answer));
  }

  private static double weight(Map<String, Object> criterion) {
    return ((Number) criterion.get("weight")).doubleValue();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Integer> scores(Map<String, Object> e) {
    Map<String, Integer> scores = (Map<String, Integer>) e.get("criterionScores");
    return scores == null ? Map.of() : scores;
  }

  private static String compactScores(Map<String, Object> e, List<String> keys) {
    Map<String, Integer> scores = scores(e);
    return scores.isEmpty()
        ? String.format("score=\"%.1f\"", ((Number) e.get("score")).doubleValue())
        : "scores=\""
            + keys.stream()
                .map(k -> scores.containsKey(k) ? String.valueOf(scores.get(k)) : "-")
                .collect(Collectors.joining(","))
            + "\"";
  }

  private static String v2Scores(Map<String, Object> e) {
    String overall = String.format("score=\"%.1f\"", ((Number) e.get("score")).doubleValue());
    String perCriterion =
        new TreeMap<>(scores(e))
            .entrySet().stream()
                .map(x -> x.getKey() + "=" + x.getValue())
                .collect(Collectors.joining(", "));
    return perCriterion.isEmpty()
        ? overall
        : overall + " criterion_scores=\"" + perCriterion + "\"";
  }

  @SuppressWarnings("unchecked")
  private static String level(Map<String, Object> criterion, String level) {
    return ((Map<String, String>) criterion.get("levels")).get(level).strip();
  }

  private static String reference(Map<String, Object> e, String scores) {
    return "<reference id=\""
        + e.get("id")
        + "\" label=\""
        + e.get("label")
        + "\" "
        + scores
        + ">\n"
        + firstWords((String) e.get("text"), EXEMPLAR_WORDS)
        + "\n</reference>";
  }

  private static String firstWords(String text, int max) {
    String[] all = text.strip().split("\\s+");
    return all.length <= max ? text.strip() : String.join(" ", Arrays.copyOf(all, max)) + " …";
  }

  /** The answer as a JSON string with angle brackets escaped. */
  static String literal(String answer) {
    try {
      return JSON.writeValueAsString(answer).replace("<", "\\u003c").replace(">", "\\u003e");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

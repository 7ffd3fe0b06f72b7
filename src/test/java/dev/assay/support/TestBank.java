package dev.assay.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds bank documents for tests, as plain maps sent as JSON. */
public final class TestBank {
  private TestBank() {}

  public static Map<String, Object> criterion(String key, double weight) {
    return Map.of(
        "key",
        key,
        "description",
        "How well the answer handles " + key,
        "weight",
        weight,
        "levels",
        Map.of(
            "strong", "Covers " + key + " with specifics and trade-offs",
            "acceptable", "Mentions " + key + " correctly but briefly",
            "weak", "Ignores or misstates " + key));
  }

  /** {@link #rubric} with a candidate-facing hint on its first criterion. */
  public static Map<String, Object> rubricWithHint(String hint, double... weights) {
    Map<String, Object> rubric = new LinkedHashMap<>(rubric(weights));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> criteria =
        new ArrayList<>((List<Map<String, Object>>) rubric.get("criteria"));
    Map<String, Object> first = new LinkedHashMap<>(criteria.get(0));
    first.put("hint", hint);
    criteria.set(0, first);
    rubric.put("criteria", criteria);
    return rubric;
  }

  public static Map<String, Object> rubric(double... weights) {
    List<Map<String, Object>> criteria = new ArrayList<>();
    for (int i = 0; i < weights.length; i++) {
      criteria.add(criterion("criterion-" + (char) ('a' + i), weights[i]));
    }
    return Map.of("scale", 4, "criteria", criteria);
  }

  public static Map<String, Object> exemplar(String id, String label, double score, String text) {
    return Map.of(
        "id",
        id,
        "label",
        label,
        "score",
        score,
        "rationale",
        "test exemplar " + id,
        "source",
        "test",
        "text",
        text);
  }

  /** A question in area nlp-llm with a three-criterion rubric and the given exemplars. */
  /** A question on grounding answers in retrieved passages, with one exemplar per label. */
  public static Map<String, Object> groundingQuestion(String id) {
    return question(
        id,
        List.of(
            TestBank.exemplar(
                id + "-s",
                "strong",
                3.6,
                "Log retrieved passages, measure recall on a labelled question set, cite passage ids"
                    + " and abstain when nothing relevant is found."),
            TestBank.exemplar(
                id + "-a",
                "acceptable",
                2.2,
                "Tell the model to use only the documents and review a sample each week."),
            TestBank.exemplar(
                id + "-w", "weak", 0.6, "Use a bigger model, it hallucinates less.")));
  }

  public static Map<String, Object> question(String id, List<Map<String, Object>> exemplars) {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("id", id);
    q.put("title", "Test question " + id);
    q.put("prompt", "Explain how you would keep a retrieval-augmented assistant grounded.");
    q.put("area", "nlp-llm");
    q.put("tags", List.of("test", "rag"));
    q.put("rubric", rubric(0.4, 0.3, 0.3));
    q.put("exemplars", exemplars);
    return q;
  }

  public static Map<String, Object> document(Map<String, Object> question) {
    return Map.of("questions", List.of(question));
  }

  /** Calls the retrieve endpoint as the bootstrap admin and returns its JSON body. */
  public static io.restassured.path.json.JsonPath retrieve(String question, String answer, int k) {
    return retrieve(Api.ADMIN_KEY, question, answer, k);
  }

  /** Calls the retrieve endpoint as {@code key} and returns its JSON body. */
  public static io.restassured.path.json.JsonPath retrieve(
      String key, String question, String answer, int k) {
    return Api.as(key)
        .contentType(io.restassured.http.ContentType.JSON)
        .body(Map.of("answer", answer, "k", k))
        .post("/api/v1/questions/{id}/retrieve", question)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}

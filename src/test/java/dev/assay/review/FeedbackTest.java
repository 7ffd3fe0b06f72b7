package dev.assay.review;

import static dev.assay.support.Api.as;
import static dev.assay.support.Api.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FeedbackTest {
  private static final String QUESTION = "eval-deterioration-alert-threshold";

  private static String grade(String key, String answer) {
    return as(key)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "questionId", QUESTION, "answer", answer, "candidateRef", "c-" + UUID.randomUUID()))
        .post("/api/v1/grades")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** Every 8-word run of the exemplars, computed here independently of the service. */
  private static Set<String> exemplarRuns() {
    Set<String> runs = new HashSet<>();
    for (String text :
        given()
            .queryParam("includeInactive", true)
            .get("/api/v1/questions/{id}/exemplars", QUESTION)
            .jsonPath()
            .getList("text", String.class)) {
      List<String> w = words(text);
      for (int i = 0; i + 8 <= w.size(); i++) {
        runs.add(String.join(" ", w.subList(i, i + 8)));
      }
    }
    return runs;
  }

  private static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  @Test
  void feedbackNeverCarriesAnEightWordRunFromTheExemplars() {
    String grader = Api.issueKey(Api.ADMIN_KEY, "grader");
    List<String> exemplars =
        given()
            .get("/api/v1/questions/{id}/exemplars", QUESTION)
            .jsonPath()
            .getList("text", String.class);
    List<String> answers =
        List.of(
            exemplars.get(0) + " " + UUID.randomUUID(),
            exemplars.get(exemplars.size() - 1) + " " + UUID.randomUUID(),
            "Accuracy hides the rare class, so I would launch on recall at the nurses' alert capacity. "
                + UUID.randomUUID(),
            "Use F1. " + UUID.randomUUID());
    Set<String> runs = exemplarRuns();
    int withheld = 0;
    for (String answer : answers) {
      JsonPath f =
          as(grader)
              .get("/api/v1/grades/{id}/feedback", grade(grader, answer))
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      withheld += f.getInt("withheld");
      List<String> sentences = new ArrayList<>();
      for (Map<String, Object> c : f.<Map<String, Object>>getList("criteria")) {
        for (String part : List.of("strengths", "gaps", "nextSteps")) {
          sentences.addAll((List<String>) c.get(part));
        }
      }
      assertTrue(!sentences.isEmpty());
      for (String sentence : sentences) {
        List<String> w = words(sentence);
        for (int i = 0; i + 8 <= w.size(); i++) {
          String run = String.join(" ", w.subList(i, i + 8));
          assertTrue(!runs.contains(run), "feedback leaks \"" + run + "\"");
        }
      }
    }
    assertTrue(withheld > 0, "quoting a near-copy of an exemplar must be withheld");
  }

  @Test
  void scoresAppearOnlyWhenTheWorkspaceSaysSo() {
    String id =
        grade(
            dev.assay.support.Api.ADMIN_KEY,
            "Launch on recall at alert capacity, threshold from later data. " + UUID.randomUUID());
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("feedbackShowsScores", false))
        .put("/api/v1/settings")
        .then()
        .statusCode(200);
    given()
        .get("/api/v1/grades/{id}/feedback", id)
        .then()
        .statusCode(200)
        .body("overallPercent", nullValue())
        .body("criteria.score", everyItem(nullValue()));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("feedbackShowsScores", true))
        .put("/api/v1/settings")
        .then()
        .statusCode(200);
    given()
        .get("/api/v1/grades/{id}/feedback", id)
        .then()
        .body("overallPercent", notNullValue())
        .body("criteria.score", everyItem(notNullValue()));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("feedbackShowsScores", false))
        .put("/api/v1/settings")
        .then()
        .statusCode(200);
  }

  @Test
  void feedbackFollowsOverridesAndStaysWithItsGrader() {
    String grader = Api.issueKey(Api.ADMIN_KEY, "grader");
    String other = Api.issueKey(Api.ADMIN_KEY, "grader");
    String id = grade(grader, "Use F1 as the metric. " + UUID.randomUUID());
    as(other).get("/api/v1/grades/{id}/feedback", id).then().statusCode(404);
    JsonPath before =
        as(grader)
            .get("/api/v1/grades/{id}/feedback", id)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertTrue(!before.getList("criteria[0].nextSteps").isEmpty());
    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "overall",
                4,
                "criteria",
                Map.of(before.getString("criteria[0].criterion"), 4),
                "reasonCode",
                "too-harsh"))
        .post("/api/v1/grades/{id}/overrides", id)
        .then()
        .statusCode(201);
    JsonPath after = as(grader).get("/api/v1/grades/{id}/feedback", id).then().extract().jsonPath();
    assertTrue(after.getList("criteria[0].nextSteps").isEmpty(), after.prettify());
  }
}

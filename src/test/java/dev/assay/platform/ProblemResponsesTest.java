package dev.assay.platform;

import static dev.assay.support.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import dev.assay.support.TestBank;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemResponsesTest {
  private static final String PROBLEM = "application/problem+json";

  private static String anyQuestion() {
    return given().get("/api/v1/questions").jsonPath().getString("items[0].id");
  }

  @Test
  void unknownQuestionIsA404Problem() {
    given()
        .get("/api/v1/questions/does-not-exist")
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("code", equalTo("not-found"))
        .body("detail", containsString("does-not-exist"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("answer", "anything"))
        .post("/api/v1/questions/does-not-exist/retrieve")
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
  }

  @Test
  void invalidFieldsAreNamed() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("answer", " ", "k", 0))
        .post("/api/v1/questions/{id}/retrieve", anyQuestion())
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("code", equalTo("invalid-request"))
        .body("errors.field", hasItems("answer", "k"));
  }

  @Test
  void wrongJsonTypesAndUnknownFieldsAreNamed() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"answer\": \"x\", \"k\": \"three\"}")
        .post("/api/v1/questions/{id}/retrieve", anyQuestion())
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors.field", hasItem("k"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"answer\": \"x\", \"kk\": 3}")
        .post("/api/v1/questions/{id}/retrieve", anyQuestion())
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors.field", hasItem("kk"));
  }

  @Test
  void malformedJsonIsAProblemNotAStackTrace() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"answer\": ")
        .post("/api/v1/questions/{id}/retrieve", anyQuestion())
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("code", equalTo("malformed-body"));
  }

  @Test
  void rubricRulesAreCheckedWithFieldPaths() {
    Map<String, Object> question = new HashMap<>(TestBank.question("test-bad-rubric", List.of()));
    question.put("rubric", TestBank.rubric(0.5, 0.2, 0.2));
    given()
        .contentType(ContentType.JSON)
        .body(question)
        .post("/api/v1/questions")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors.field", hasItem("rubric.criteria"));

    question.put("rubric", TestBank.rubric(0.5, 0.5));
    given()
        .contentType(ContentType.JSON)
        .body(question)
        .post("/api/v1/questions")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("rubric.criteria"));
  }

  @Test
  void exemplarScoresMustFitTheRubric() {
    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "label", "best",
                "score", 2,
                "rationale", "r",
                "text", "t"))
        .post("/api/v1/questions/{id}/exemplars", anyQuestion())
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("label"));
    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "label", "strong",
                "score", 9,
                "criterionScores", Map.of("no-such-criterion", 2),
                "rationale", "r",
                "text", "t"))
        .post("/api/v1/questions/{id}/exemplars", anyQuestion())
        .then()
        .statusCode(400)
        .body("errors.field", hasItems("score", "criterionScores.no-such-criterion"));
  }

  @Test
  void duplicateQuestionIsAConflict() {
    String id = anyQuestion();
    Map<String, Object> question = new HashMap<>(TestBank.question(id, List.of()));
    given()
        .contentType(ContentType.JSON)
        .body(question)
        .post("/api/v1/questions")
        .then()
        .statusCode(409)
        .contentType(PROBLEM);
  }

  @Test
  void unknownRoutesAndMediaTypesAreProblems() {
    given().get("/api/v1/nothing-here").then().statusCode(404).contentType(PROBLEM);
    given()
        .contentType(ContentType.TEXT)
        .body("answer")
        .post("/api/v1/questions/{id}/retrieve", anyQuestion())
        .then()
        .statusCode(415)
        .contentType(PROBLEM);
  }

  @Test
  void operationsEndpointsAnswer() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.name", hasItem("embedding-model"));
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("assay_embedding_duration"));
    given()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(containsString("/api/v1/questions/{id}/retrieve"));
  }
}

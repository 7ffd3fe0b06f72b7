package dev.assay.review;

import static dev.assay.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.support.Api;
import dev.assay.support.TestBank;
import dev.assay.support.TestWorkspace;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RegradeAndPromotionTest {
  /**
   * The admin of this class's own workspace: its questions, grades and stale counts are its own.
   */
  private static String admin;

  @BeforeEach
  void workspace() {
    if (admin == null) {
      admin = TestWorkspace.withBuiltInAreas("regrade");
    }
  }

  private static String newQuestion() {
    String id = "test-regrade-" + UUID.randomUUID().toString().substring(0, 8);
    as(admin)
        .contentType(ContentType.JSON)
        .body(
            TestBank.question(
                id,
                List.of(
                    TestBank.exemplar(
                        id + "-s1",
                        "strong",
                        3.6,
                        "Log retrieved passages, build an evaluation set with labelled sources and abstain when nothing relevant is found."),
                    TestBank.exemplar(id + "-w1", "weak", 0.5, "Use a bigger model."))))
        .post("/api/v1/questions")
        .then()
        .statusCode(201);
    return id;
  }

  private static String grade(String question, String answer) {
    return Api.grade(admin, question, answer).getString("id");
  }

  @Test
  void aNewRubricVersionMakesOldGradesStaleAndAPlanRegradesThem() {
    String q = newQuestion();
    String a =
        grade(
            q, "I would log the retrieved passages and abstain when nothing relevant comes back.");
    String b = grade(q, "A bigger model fixes hallucinations.");
    as(admin).get("/api/v1/grades/{id}", a).then().body("stale", equalTo(false));

    as(admin)
        .contentType(ContentType.JSON)
        .body(TestBank.rubric(0.2, 0.4, 0.4))
        .post("/api/v1/questions/{id}/rubric-versions", q)
        .then()
        .statusCode(201);

    as(admin)
        .get("/api/v1/grades/{id}", a)
        .then()
        .body("stale", equalTo(true))
        .body("rubricVersion", equalTo(1));
    as(admin)
        .queryParam("questionId", q)
        .queryParam("stale", true)
        .get("/api/v1/grades")
        .then()
        .body("total", equalTo(2));

    JsonPath dry =
        as(admin)
            .contentType(ContentType.JSON)
            .body(Map.of("questionId", q))
            .post("/api/v1/regrade-plans")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(2, dry.getInt("grades"));
    assertEquals(0, dry.getLong("estimatedLlmTokens"));
    assertEquals(false, dry.getBoolean("executed"));
    as(admin).queryParam("questionId", q).get("/api/v1/grades").then().body("total", equalTo(2));

    JsonPath run =
        as(admin)
            .contentType(ContentType.JSON)
            .body(Map.of("questionId", q, "execute", true))
            .post("/api/v1/regrade-plans")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    assertEquals(2, run.getList("regraded").size());
    List<String> fresh = run.getList("regraded.to");
    for (String id : fresh) {
      as(admin)
          .get("/api/v1/grades/{id}", id)
          .then()
          .body("rubricVersion", equalTo(2))
          .body("stale", equalTo(false));
    }
    as(admin).get("/api/v1/grades/{id}/history", a).then().body("events.kind", hasItem("regraded"));
    as(admin)
        .get("/api/v1/grades/{id}", a)
        .then()
        .statusCode(200)
        .body("rubricVersion", equalTo(1));
    as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("questionId", q))
        .post("/api/v1/regrade-plans")
        .then()
        .body("grades", equalTo(0));
    assertTrue(!fresh.contains(a) && !fresh.contains(b));
  }

  @Test
  void anOverriddenAnswerBecomesAPendingExemplarThatIsNotRetrieved() {
    String q = newQuestion();
    String answer =
        "Version the index, re-ingest on every policy change and check each claim against the retrieved text.";
    String id = grade(q, answer);
    as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of())
        .post("/api/v1/grades/{id}/promotions", id)
        .then()
        .statusCode(409);
    as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("overall", 3.5, "reasonCode", "too-harsh", "reason", "covers grounding well"))
        .post("/api/v1/grades/{id}/overrides", id)
        .then()
        .statusCode(201);

    JsonPath exemplar =
        as(admin)
            .contentType(ContentType.JSON)
            .body(Map.of())
            .post("/api/v1/grades/{id}/promotions", id)
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    assertEquals("pending", exemplar.getString("status"));
    assertEquals(false, exemplar.getBoolean("active"));
    assertEquals("strong", exemplar.getString("label"));
    assertEquals("review", exemplar.getString("origin"));
    assertEquals(answer, exemplar.getString("text"));

    as(admin)
        .queryParam("includeInactive", true)
        .get("/api/v1/questions/{id}/exemplars", q)
        .then()
        .body("id", hasItem(exemplar.getString("id")));
    as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("answer", answer, "k", 5))
        .post("/api/v1/questions/{id}/retrieve", q)
        .then()
        .statusCode(200)
        .body("strong.id", not(hasItem(exemplar.getString("id"))))
        .body("strong.id", everyItem(org.hamcrest.Matchers.startsWith(q)));
  }
}

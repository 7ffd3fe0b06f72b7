package dev.assay.bank;

import static dev.assay.support.Api.as;
import static dev.assay.support.Api.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.platform.Hashing;
import dev.assay.support.TestBank;
import dev.assay.support.TestWorkspace;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BankImportTest {
  private static final Set<String> AREAS =
      Set.of(
          "ml-fundamentals",
          "deep-learning",
          "data-pipelines",
          "evaluation-metrics",
          "mlops-production",
          "nlp-llm",
          "computer-vision",
          "reinforcement-learning",
          "responsible-ai",
          "distributed-systems");

  /**
   * The admin of this class's own workspace (with the built-in areas), where the import and rubric
   * tests write; the tests above read the built-in bank where it is seeded, the default workspace.
   */
  private static String admin;

  @BeforeEach
  void workspace() {
    if (admin == null) {
      admin = TestWorkspace.withBuiltInAreas("bank-import");
    }
  }

  @Test
  void builtInBankCoversEveryAreaWithCompleteRubricsAndExemplars() {
    JsonPath page =
        given()
            .queryParam("size", 200)
            .get("/api/v1/questions")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<Map<String, Object>> items = page.getList("items");
    List<Map<String, Object>> builtIn =
        items.stream().filter(q -> !((List<?>) q.get("tags")).contains("test")).toList();

    assertTrue(builtIn.size() >= 20, "at least 20 built-in questions, got " + builtIn.size());
    Map<String, Long> perArea =
        builtIn.stream()
            .collect(Collectors.groupingBy(q -> (String) q.get("area"), Collectors.counting()));
    assertEquals(AREAS, perArea.keySet());
    perArea.forEach((area, n) -> assertTrue(n >= 2, area + " has " + n + " questions"));
    for (Map<String, Object> q : builtIn) {
      int criteria = (Integer) q.get("criteria");
      assertTrue(criteria >= 3 && criteria <= 5, q.get("id") + " has " + criteria + " criteria");
      @SuppressWarnings("unchecked")
      Map<String, Integer> ex = (Map<String, Integer>) q.get("exemplars");
      assertTrue(
          ex.get("strong") >= 1 && ex.get("acceptable") >= 1 && ex.get("weak") >= 1,
          q.get("id") + ": " + ex);
      assertTrue(
          ex.values().stream().mapToInt(Integer::intValue).sum() >= 6, q.get("id") + ": " + ex);
    }
  }

  @Test
  void questionDetailShowsTheActiveRubricWithLevelDescriptors() {
    String id = given().get("/api/v1/questions").jsonPath().getString("items[0].id");
    given()
        .get("/api/v1/questions/{id}", id)
        .then()
        .statusCode(200)
        .body("id", equalTo(id))
        .body("rubric.version", equalTo(1))
        .body("rubric.criteria[0].levels.strong", org.hamcrest.Matchers.notNullValue())
        .body("rubric.criteria[0].maxScore", equalTo(4));
  }

  @Test
  void rolesWeighEveryAreaAndSumToOne() {
    List<Map<String, Object>> roles =
        given().get("/api/v1/roles").then().statusCode(200).extract().jsonPath().getList("$");
    assertTrue(roles.size() >= 4);
    for (Map<String, Object> role : roles) {
      @SuppressWarnings("unchecked")
      Map<String, Number> weights = (Map<String, Number>) role.get("areaWeights");
      assertEquals(AREAS, weights.keySet());
      assertEquals(1.0, weights.values().stream().mapToDouble(Number::doubleValue).sum(), 0.011);
    }
    given().get("/api/v1/areas").then().statusCode(200).body("$", hasSize(10));
  }

  @Test
  void importIsIdempotentAndVersionsChangedRubrics() {
    String id = "test-import-idempotency";
    List<Map<String, Object>> exemplars = new ArrayList<>(RetrievalTest.groundingExemplars(id));
    Map<String, Object> question = TestBank.question(id, exemplars);

    importDoc(TestBank.document(question))
        .body("questionsCreated", equalTo(1))
        .body("rubricVersionsCreated", equalTo(1))
        .body("exemplarsCreated", equalTo(6));
    importDoc(TestBank.document(question))
        .body("questionsCreated", equalTo(0))
        .body("questionsUnchanged", equalTo(1))
        .body("rubricVersionsCreated", equalTo(0))
        .body("exemplarsCreated", equalTo(0))
        .body("exemplarsUpdated", equalTo(0))
        .body("exemplarsUnchanged", equalTo(6));

    // A changed rubric becomes version 2; version 1 stays readable and unchanged.
    Map<String, Object> changed = new HashMap<>(question);
    changed.put("rubric", TestBank.rubric(0.5, 0.25, 0.25));
    exemplars.remove(exemplars.size() - 1);
    changed.put("exemplars", exemplars);
    importDoc(TestBank.document(changed))
        .body("rubricVersionsCreated", equalTo(1))
        .body("exemplarsUpdated", equalTo(5))
        .body("exemplarsDeactivated", equalTo(1));

    as(admin)
        .get("/api/v1/questions/{id}/rubric-versions", id)
        .then()
        .statusCode(200)
        .body("version", equalTo(List.of(1, 2)))
        .body("[0].criteria[0].weight", equalTo(0.4f))
        .body("[1].criteria[0].weight", equalTo(0.5f));
    as(admin).get("/api/v1/questions/{id}", id).then().body("rubric.version", equalTo(2));
    as(admin)
        .queryParam("includeInactive", true)
        .get("/api/v1/questions/{id}/exemplars", id)
        .then()
        .body("findAll { !it.active }.id", equalTo(List.of(id + "-w2")))
        .body("findAll { it.active }.rubricVersion", org.hamcrest.Matchers.everyItem(equalTo(2)));
  }

  @Test
  void rubricVersionsAreNewRowsAndIdenticalPostsAreHarmless() {
    String id = "test-rubric-versions";
    createQuestion(id);
    postRubric(id, TestBank.rubric(0.2, 0.3, 0.5)).statusCode(201).body("version", equalTo(2));
    postRubric(id, TestBank.rubric(0.2, 0.3, 0.5)).statusCode(200).body("version", equalTo(2));
    as(admin)
        .get("/api/v1/questions/{id}/rubric-versions", id)
        .then()
        .body("version", equalTo(List.of(1, 2)));
  }

  /**
   * The canonical form a rubric has always been hashed in: a criterion without a hint has no {@code
   * hint} key, so installs that imported a rubric before hints existed keep its version.
   */
  private static String canonicalBeforeHints() {
    StringBuilder criteria = new StringBuilder();
    double[] weights = {0.4, 0.3, 0.3};
    for (int i = 0; i < weights.length; i++) {
      String key = "criterion-" + (char) ('a' + i);
      criteria
          .append(i == 0 ? "" : ",")
          .append("{\"key\":\"")
          .append(key)
          .append("\",\"description\":\"How well the answer handles ")
          .append(key)
          .append("\",\"weight\":")
          .append(weights[i])
          .append(",\"levels\":{\"acceptable\":\"Mentions ")
          .append(key)
          .append(" correctly but briefly\",\"strong\":\"Covers ")
          .append(key)
          .append(" with specifics and trade-offs\",\"weak\":\"Ignores or misstates ")
          .append(key)
          .append("\"}}");
    }
    return "{\"scale\":4,\"criteria\":[" + criteria + "]}";
  }

  @Test
  void aRubricWithoutHintsKeepsTheHashItAlwaysHad() {
    String id = "test-rubric-hash-stable";
    createQuestion(id).body("rubric.contentHash", equalTo(Hashing.sha256(canonicalBeforeHints())));
  }

  @Test
  void aHintBelongsToTheRubricVersionAndIsShownWithItsCriterion() {
    String id = "test-rubric-hint";
    String hint = "Say how you would tell whether the fix worked, and what you would watch next.";
    createQuestion(id).body("rubric.criteria.hint", equalTo(Arrays.asList(null, null, null)));
    postRubric(id, TestBank.rubricWithHint(hint, 0.4, 0.3, 0.3))
        .statusCode(201)
        .body("version", equalTo(2))
        .body("contentHash", not(equalTo(Hashing.sha256(canonicalBeforeHints()))));
    // The same rubric again, with the hint's surrounding spaces: no new version.
    postRubric(id, TestBank.rubricWithHint("  " + hint + " ", 0.4, 0.3, 0.3))
        .statusCode(200)
        .body("version", equalTo(2));
    as(admin)
        .get("/api/v1/questions/{id}", id)
        .then()
        .body("rubric.criteria[0].hint", equalTo(hint))
        .body("rubric.criteria[1].hint", nullValue());
    as(admin)
        .get("/api/v1/questions/{id}/rubric-versions", id)
        .then()
        .body("[0].criteria[0].hint", nullValue())
        .body("[1].criteria[0].hint", equalTo(hint));
  }

  @Test
  void aHintMustBeOneLineOfPlainTextOfAtMost300Characters() {
    String id = "test-rubric-bad-hints";
    createQuestion(id);
    for (String bad :
        List.of(
            "x".repeat(301), "First line.\nSecond line.", "Mention the <b>budget</b>.", "   ")) {
      postRubric(id, TestBank.rubricWithHint(bad, 0.4, 0.3, 0.3))
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors.field", hasItem("criteria[0].hint"));
    }
    postRubric(id, TestBank.rubricWithHint("y".repeat(300), 0.4, 0.3, 0.3)).statusCode(201);
  }

  @Test
  void yamlImportUsesTheFileLevelAreaAndKeepsHintsIdempotently() {
    String yaml =
        """
        area: responsible-ai
        questions:
          - id: test-yaml-import
            title: A YAML question
            prompt: How would you audit a hiring model for unequal error rates?
            tags: [test]
            rubric:
              scale: 4
              criteria:
                - {key: detection, description: Finds gaps, weight: 0.5, hint: Say how you would find out who is affected., levels: {strong: s, acceptable: a, weak: w}}
                - {key: response, description: Acts on them, weight: 0.3, levels: {strong: s, acceptable: a, weak: w}}
                - {key: monitoring, description: Keeps watching, weight: 0.2, levels: {strong: s, acceptable: a, weak: w}}
        """;
    for (int created : new int[] {1, 0}) {
      as(admin)
          .contentType("application/yaml")
          .body(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8))
          .post("/api/v1/bank/import")
          .then()
          .statusCode(200)
          .body("questionsCreated", equalTo(created))
          .body("rubricVersionsCreated", equalTo(created));
    }
    as(admin)
        .get("/api/v1/questions/test-yaml-import")
        .then()
        .statusCode(200)
        .body("area", equalTo("responsible-ai"))
        .body("rubric.version", equalTo(1))
        .body("rubric.criteria[0].hint", equalTo("Say how you would find out who is affected."));
    as(admin)
        .queryParam("area", "responsible-ai")
        .get("/api/v1/questions")
        .then()
        .body("items.id", hasItem("test-yaml-import"));
    as(admin)
        .queryParam("tag", "test")
        .get("/api/v1/questions")
        .then()
        .body("items.id", hasItem("test-yaml-import"));
  }

  private static io.restassured.response.ValidatableResponse createQuestion(String id) {
    return as(admin)
        .contentType(ContentType.JSON)
        .body(TestBank.question(id, List.of()))
        .post("/api/v1/questions")
        .then()
        .statusCode(201);
  }

  private static io.restassured.response.ValidatableResponse postRubric(String id, Object rubric) {
    return as(admin)
        .contentType(ContentType.JSON)
        .body(rubric)
        .post("/api/v1/questions/{id}/rubric-versions", id)
        .then();
  }

  private static io.restassured.response.ValidatableResponse importDoc(Map<String, Object> doc) {
    return as(admin)
        .contentType(ContentType.JSON)
        .body(doc)
        .post("/api/v1/bank/import")
        .then()
        .statusCode(200);
  }
}

package dev.assay.security;

import static dev.assay.support.Api.as;
import static dev.assay.support.Api.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every endpoint with every role, a foreign workspace's keys, and no key at all. */
@QuarkusTest
class AccessControlTest {
  private static final String QUESTION = "eval-deterioration-alert-threshold";
  private static final String ANSWER =
      "Accuracy hides the minority class at four percent prevalence, so launch on recall at the alert"
          + " capacity and pick the threshold on a later, patient-grouped validation period.";

  private String graderA;
  private String graderA2;
  private String reviewerA;
  private String adminB;
  private String reviewerB;

  @BeforeEach
  void keys() {
    graderA = Api.issueKey(dev.assay.support.Api.ADMIN_KEY, "grader");
    graderA2 = Api.issueKey(dev.assay.support.Api.ADMIN_KEY, "grader");
    reviewerA = Api.issueKey(dev.assay.support.Api.ADMIN_KEY, "reviewer");
    String slug = "ws-b-" + UUID.randomUUID().toString().substring(0, 8);
    adminB =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("slug", slug, "name", "Workspace B"))
            .post("/api/v1/workspaces")
            .then()
            .statusCode(201)
            .extract()
            .path("adminKey.key");
    reviewerB = Api.issueKey(adminB, "reviewer");
  }

  /** One endpoint call: method, path and body. */
  private record Call(String method, String path, Object body) {
    io.restassured.response.Response send(RequestSpecification spec) {
      RequestSpecification s = body == null ? spec : spec.contentType(ContentType.JSON).body(body);
      return switch (method) {
        case "GET" -> s.get(path);
        case "POST" -> s.post(path);
        case "DELETE" -> s.delete(path);
        case "PUT" -> s.put(path);
        default -> throw new IllegalArgumentException(method);
      };
    }
  }

  private List<Call> endpoints(String gradeId) {
    return List.of(
        new Call("GET", "/api/v1/questions", null),
        new Call("GET", "/api/v1/questions/" + QUESTION, null),
        new Call("GET", "/api/v1/questions/" + QUESTION + "/rubric-versions", null),
        new Call("GET", "/api/v1/questions/" + QUESTION + "/exemplars", null),
        new Call("POST", "/api/v1/questions/" + QUESTION + "/retrieve", Map.of("answer", ANSWER)),
        new Call("POST", "/api/v1/questions", Map.of("id", "x")),
        new Call("POST", "/api/v1/questions/" + QUESTION + "/rubric-versions", Map.of("scale", 4)),
        new Call("POST", "/api/v1/questions/" + QUESTION + "/exemplars", Map.of("label", "weak")),
        new Call("DELETE", "/api/v1/questions/" + QUESTION + "/exemplars/no-such-exemplar", null),
        new Call("POST", "/api/v1/bank/import", Map.of()),
        new Call("POST", "/api/v1/bank/reembed", null),
        new Call("GET", "/api/v1/areas", null),
        new Call("GET", "/api/v1/roles", null),
        new Call(
            "POST",
            "/api/v1/grades",
            Map.of("questionId", QUESTION, "answer", ANSWER + " " + UUID.randomUUID())),
        new Call("GET", "/api/v1/grades/" + gradeId, null),
        new Call("GET", "/api/v1/grades", null),
        new Call("POST", "/api/v1/keys", Map.of("name", "n", "role", "grader")),
        new Call("GET", "/api/v1/keys", null),
        new Call("DELETE", "/api/v1/keys/" + UUID.randomUUID(), null),
        new Call(
            "POST",
            "/api/v1/workspaces",
            Map.of("slug", "ws-" + UUID.randomUUID().toString().substring(0, 8), "name", "n")),
        new Call("POST", "/api/v1/grades/" + gradeId + "/overrides", Map.of()),
        new Call("POST", "/api/v1/grades/" + gradeId + "/confirmations", Map.of()),
        new Call("GET", "/api/v1/grades/" + gradeId + "/history", null),
        new Call("GET", "/api/v1/review-queue", null),
        new Call("POST", "/api/v1/review-queue/" + gradeId + "/claim", null),
        new Call("POST", "/api/v1/review-queue/" + gradeId + "/release", null),
        new Call("GET", "/api/v1/grades/" + gradeId + "/feedback", null),
        new Call("GET", "/api/v1/settings", null),
        new Call("GET", "/api/v1/exports/grades", null),
        new Call("POST", "/api/v1/regrade-plans", Map.of()),
        new Call("POST", "/api/v1/grades/" + gradeId + "/promotions", Map.of()),
        new Call("PUT", "/api/v1/settings", Map.of("feedbackShowsScores", false)),
        new Call("GET", "/api/v1/agreement", null),
        new Call("GET", "/api/v1/grader-configs", null),
        new Call("POST", "/api/v1/grader-configs", Map.of()),
        new Call("PUT", "/api/v1/shadow", Map.of()),
        new Call("DELETE", "/api/v1/shadow", null),
        new Call("GET", "/api/v1/shadow/report", null),
        new Call("GET", "/api/v1/gate-set", null),
        new Call("PUT", "/api/v1/gate-set", Map.of()),
        new Call("POST", "/api/v1/eval-runs", Map.of()),
        new Call("GET", "/api/v1/eval-runs", null),
        new Call("GET", "/api/v1/eval-runs/" + UUID.randomUUID(), null),
        new Call("POST", "/api/v1/promotions", Map.of("config", "no-such-config")),
        new Call("GET", "/api/v1/promotions", null));
  }

  /** Which roles each endpoint admits (index-aligned with {@link #endpoints}). */
  private static final List<Set<String>> ALLOWED =
      List.of(
          Set.of("grader", "reviewer", "admin"),
          Set.of("grader", "reviewer", "admin"),
          Set.of("reviewer", "admin"),
          Set.of("reviewer", "admin"),
          Set.of("reviewer", "admin"),
          Set.of("admin"),
          Set.of("admin"),
          Set.of("admin"),
          Set.of("admin"),
          Set.of("admin"),
          Set.of("admin"),
          Set.of("grader", "reviewer", "admin"),
          Set.of("grader", "reviewer", "admin"),
          Set.of("grader", "admin"),
          Set.of("grader", "reviewer", "admin"),
          Set.of("grader", "reviewer", "admin"),
          Set.of("admin"),
          Set.of("admin"),
          Set.of("admin"),
          Set.of("admin"),
          Set.of("reviewer", "admin"),
          Set.of("reviewer", "admin"),
          Set.of("reviewer", "admin"),
          Set.of("reviewer", "admin"),
          Set.of("reviewer", "admin"),
          Set.of("reviewer", "admin"),
          Set.of("grader", "reviewer", "admin"),
          Set.of("admin"),
          Set.of("reviewer", "admin"),
          Set.of("admin"),
          Set.of("reviewer", "admin"),
          Set.of("admin"),
          Set.of("reviewer", "admin"),
          Set.of("reviewer", "admin"),
          Set.of("admin"),
          Set.of("admin"),
          Set.of("admin"),
          Set.of("reviewer", "admin"),
          Set.of("reviewer", "admin"),
          Set.of("admin"),
          Set.of("admin"),
          Set.of("reviewer", "admin"),
          Set.of("reviewer", "admin"),
          Set.of("admin"),
          Set.of("reviewer", "admin"));

  private String gradeBy(String key) {
    return as(key)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "questionId",
                QUESTION,
                "answer",
                ANSWER + " " + UUID.randomUUID(),
                "candidateRef",
                "c-" + UUID.randomUUID()))
        .post("/api/v1/grades")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  @Test
  void everyEndpointWithEveryRole() {
    String gradeId = gradeBy(graderA);
    Map<String, String> keys =
        Map.of("grader", graderA, "reviewer", reviewerA, "admin", dev.assay.support.Api.ADMIN_KEY);
    List<Call> calls = endpoints(gradeId);
    assertEquals(ALLOWED.size(), calls.size());
    StringBuilder matrix = new StringBuilder();
    for (int i = 0; i < calls.size(); i++) {
      Call call = calls.get(i);
      int anonymous = call.send(RestAssured.given()).statusCode();
      assertEquals(401, anonymous, "no key: " + call);
      assertEquals(
          401, call.send(as("not-a-key-" + UUID.randomUUID())).statusCode(), "bad key: " + call);
      matrix.append(call.method()).append(' ').append(call.path());
      for (String role : List.of("grader", "reviewer", "admin")) {
        int status = call.send(as(keys.get(role))).statusCode();
        matrix.append(' ').append(role).append('=').append(status);
        if (ALLOWED.get(i).contains(role)) {
          assertTrue(
              status != 401 && status != 403 && status < 500,
              role + " should reach " + call + " but got " + status);
        } else {
          assertEquals(403, status, role + " must be refused " + call);
        }
      }
      matrix.append('\n');
    }
    System.out.println("authorisation matrix:\n" + matrix);
  }

  @Test
  void idsOfAnotherWorkspaceAreNotFound() {
    String gradeId = gradeBy(graderA);
    as(reviewerA).get("/api/v1/grades/{id}", gradeId).then().statusCode(200);
    as(reviewerB).get("/api/v1/grades/{id}", gradeId).then().statusCode(404);
    as(adminB).get("/api/v1/grades/{id}", gradeId).then().statusCode(404);
    as(adminB).get("/api/v1/questions/{id}", QUESTION).then().statusCode(404);
    as(adminB).get("/api/v1/grades").then().statusCode(200).body("items.id", not(hasItem(gradeId)));
    String keyOfA = given().get("/api/v1/keys").jsonPath().getString("[0].id");
    as(adminB).delete("/api/v1/keys/{id}", keyOfA).then().statusCode(404);
    as(adminB)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "slug", "ws-nested-" + UUID.randomUUID().toString().substring(0, 6), "name", "n"))
        .post("/api/v1/workspaces")
        .then()
        .statusCode(403);
  }

  @Test
  void aGraderReadsOnlyTheGradesItCreated() {
    String mine = gradeBy(graderA);
    String theirs = gradeBy(graderA2);
    as(graderA).get("/api/v1/grades/{id}", mine).then().statusCode(200);
    as(graderA).get("/api/v1/grades/{id}", theirs).then().statusCode(404);
    as(graderA)
        .get("/api/v1/grades")
        .then()
        .statusCode(200)
        .body("items.id", hasItem(mine))
        .body("items.id", not(hasItem(theirs)));
    as(reviewerA).get("/api/v1/grades/{id}", theirs).then().statusCode(200);
  }

  @Test
  void keysAreShownOnceStoredHashedAndRevocable() {
    String key = Api.issueKey(dev.assay.support.Api.ADMIN_KEY, "grader");
    as(key).get("/api/v1/questions").then().statusCode(200);
    List<Map<String, Object>> listed = given().get("/api/v1/keys").jsonPath().getList("$");
    assertTrue(listed.stream().noneMatch(k -> k.containsKey("key")), "no secrets in the list");
    Map<String, Object> row =
        listed.stream()
            .filter(k -> key.startsWith((String) k.get("prefix")))
            .reduce((a, b) -> b)
            .orElseThrow();
    assertNotEquals(null, row.get("lastUsedAt"));
    given().delete("/api/v1/keys/{id}", row.get("id")).then().statusCode(204);
    as(key).get("/api/v1/questions").then().statusCode(401).contentType("application/problem+json");
    given()
        .get("/api/v1/keys")
        .then()
        .body("find { it.id == '" + row.get("id") + "' }.revokedAt", notNullValue());
  }

  @Test
  void healthMetricsAndOpenApiNeedNoKey() {
    RestAssured.given().get("/q/health/ready").then().statusCode(200);
    RestAssured.given().get("/q/metrics").then().statusCode(200);
    RestAssured.given().get("/q/openapi").then().statusCode(200);
  }

  @Test
  void anIdempotencyKeyIsPrivateToItsClient() {
    String idem = UUID.randomUUID().toString();
    Map<String, Object> body = Map.of("questionId", QUESTION, "answer", ANSWER + " " + idem);
    as(graderA)
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", idem)
        .body(body)
        .post("/api/v1/grades")
        .then()
        .statusCode(201);
    as(graderA2)
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", idem)
        .body(body)
        .post("/api/v1/grades")
        .then()
        .statusCode(409);
    as(graderA).get("/api/v1/grades").then().body("items.tags", everyItem(notNullValue()));
  }
}

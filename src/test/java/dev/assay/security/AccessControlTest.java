package dev.assay.security;

import static dev.assay.support.Api.ADMIN_KEY;
import static dev.assay.support.Api.as;
import static dev.assay.support.Api.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.support.Api;
import dev.assay.support.ApiOperations;
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
    adminB = Api.createWorkspace("ws-b").adminKey();
    reviewerB = Api.issueKey(adminB, "reviewer");
  }

  /**
   * What a grader key (a platform client) may call; every other operation is for reviewers and
   * admins. The rest of the policy is read from the OpenAPI document, which lists each operation's
   * roles as Quarkus Security enforces them.
   */
  private static final Set<String> GRADER_SURFACE =
      Set.of(
          "GET /api/v1/questions",
          "GET /api/v1/questions/{id}",
          "GET /api/v1/areas",
          "GET /api/v1/roles",
          "POST /api/v1/grades",
          "GET /api/v1/grades",
          "GET /api/v1/grades/{id}",
          "GET /api/v1/grades/{id}/feedback",
          "POST /api/v1/interviews",
          "GET /api/v1/interviews",
          "GET /api/v1/interviews/comparison",
          "GET /api/v1/interviews/{id}",
          "GET /api/v1/interviews/{id}/scorecard",
          "GET /api/v1/interviews/{id}/scorecard.html",
          "PUT /api/v1/candidates/{candidateRef}/cohort",
          "DELETE /api/v1/candidates/{candidateRef}/cohort",
          "POST /api/v1/grades/{id}/feedback-links",
          "POST /api/v1/grade-batches",
          "GET /api/v1/grade-batches/{id}",
          "GET /api/v1/grade-batches/{id}/results");

  /** Bodies that reach the operation's logic; an operation not named here is sent {@code {}}. */
  private static Map<String, Object> samples() {
    return Map.of(
        "POST /api/v1/questions/{id}/retrieve", Map.of("answer", ANSWER),
        "POST /api/v1/questions", Map.of("id", "x"),
        "POST /api/v1/questions/{id}/rubric-versions", Map.of("scale", 4),
        "POST /api/v1/questions/{id}/exemplars", Map.of("label", "weak"),
        "POST /api/v1/grades",
            Map.of("questionId", QUESTION, "answer", ANSWER + " " + UUID.randomUUID()),
        "POST /api/v1/grade-batches",
            Map.of(
                "items",
                List.of(
                    Map.of("questionId", QUESTION, "answer", ANSWER + " " + UUID.randomUUID()))),
        "POST /api/v1/keys", Map.of("name", "n", "role", "grader"),
        "POST /api/v1/workspaces",
            Map.of("slug", "ws-" + UUID.randomUUID().toString().substring(0, 8), "name", "n"),
        "PUT /api/v1/settings", Map.of("feedbackShowsScores", false),
        "POST /api/v1/promotions", Map.of("config", "no-such-config"));
  }

  /** A value for each path parameter: the shared question, a real grade, else an unknown id. */
  private static String pathValue(ApiOperations.Operation op, String param, String gradeId) {
    return switch (param) {
      case "exemplarId" -> "no-such-exemplar";
      case "ref" -> "no-such-config";
      default ->
          op.template().startsWith("/api/v1/questions/")
              ? QUESTION
              : op.template().startsWith("/api/v1/grades/")
                      || op.template().startsWith("/api/v1/review-queue/")
                  ? gradeId
                  : UUID.randomUUID().toString();
    };
  }

  private static io.restassured.response.Response send(
      RequestSpecification spec, ApiOperations.Operation op, String path, Object body) {
    RequestSpecification s = body == null ? spec : spec.contentType(ContentType.JSON).body(body);
    return s.request(op.method(), path);
  }

  private String gradeBy(String key) {
    return Api.grade(key, QUESTION, ANSWER + " " + UUID.randomUUID()).getString("id");
  }

  @Test
  void everyEndpointWithEveryRole() {
    String gradeId = gradeBy(graderA);
    Map<String, String> keys = Map.of("grader", graderA, "reviewer", reviewerA, "admin", ADMIN_KEY);
    List<ApiOperations.Operation> operations = ApiOperations.all();
    assertTrue(operations.size() >= 45, "the document lists the API: " + operations);
    Map<String, Object> samples = samples();
    StringBuilder matrix = new StringBuilder();
    for (ApiOperations.Operation op : operations) {
      assertFalse(op.roles().isEmpty(), op + " names no roles (@RolesAllowed)");
      assertTrue(op.roles().contains("admin"), op + " must admit admins");
      assertEquals(
          GRADER_SURFACE.contains(op.toString()),
          op.roles().contains("grader"),
          op + ": a grader key's surface");
      String path = op.path(param -> pathValue(op, param, gradeId));
      Object body = op.takesBody() ? samples.getOrDefault(op.toString(), Map.of()) : null;
      assertEquals(401, send(RestAssured.given(), op, path, body).statusCode(), "no key: " + op);
      assertEquals(
          401,
          send(as("not-a-key-" + UUID.randomUUID()), op, path, body).statusCode(),
          "bad key: " + op);
      matrix.append(op);
      for (String role : List.of("grader", "reviewer", "admin")) {
        int status = send(as(keys.get(role)), op, path, body).statusCode();
        matrix.append(' ').append(role).append('=').append(status);
        if (op.roles().contains(role)) {
          assertTrue(
              status != 401 && status != 403 && status < 500,
              role + " should reach " + op + " but got " + status);
        } else {
          assertEquals(403, status, role + " must be refused " + op);
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

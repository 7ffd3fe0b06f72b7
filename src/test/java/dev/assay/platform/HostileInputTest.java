package dev.assay.platform;

import static dev.assay.support.Api.as;
import static dev.assay.support.Api.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.support.ApiOperations;
import dev.assay.support.TestWorkspace;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hostile input against every operation of the OpenAPI document: control characters and broken
 * UTF-8 in paths, queries, headers and bodies, wrong JSON types, oversized bodies, wrong media
 * types. Never a 500, always problem+json, and the service stays ready.
 */
@QuarkusTest
class HostileInputTest {
  private static final String PROBLEM = "application/problem+json";
  private static final String QUESTION = "eval-deterioration-alert-threshold";
  private static final List<String> BAD_SEGMENTS =
      List.of("%00", "a%01b", "%FF%FE", "%C0%AF", "%E2%80%AE");
  private static final List<String> BAD_BODIES =
      List.of(
          "{\"answer\": \"a\\u0000b\", \"questionId\": \"" + QUESTION + "\"}",
          "{\"answer\": 12345, \"questionId\": \"" + QUESTION + "\"}",
          "{\"name\": \"\\u0007bell\", \"role\": \"grader\"}",
          "[1, 2, 3]",
          "{\"answer\": \"\\ud800\", \"questionId\": \"" + QUESTION + "\"}",
          "{\"k\": \"3\", \"answer\": \"x\"}",
          "{\"spec\": {\"k\": 3.7}, \"name\": \"x\"}",
          "null",
          "{");

  private int requests;

  /** The admin of a workspace of this class's own, for the tests whose odd answers are graded. */
  private static String gradingAdmin;

  private static synchronized String gradingWorkspace() {
    if (gradingAdmin == null) {
      gradingAdmin = TestWorkspace.withBuiltInQuestions("hostile-grades", QUESTION);
    }
    return gradingAdmin;
  }

  private void assertHandled(Response r, String what) {
    requests++;
    assertTrue(r.statusCode() < 500, what + " answered " + r.statusCode() + ": " + r.asString());
    if (r.statusCode() >= 400) {
      assertTrue(
          String.valueOf(r.contentType()).startsWith(PROBLEM),
          what + " answered " + r.statusCode() + " as " + r.contentType());
    }
  }

  /**
   * The matrix runs as the admin of a fresh, empty workspace: requests that get through (a valid
   * but odd value) act on nothing and start no background work in the shared workspace.
   */
  @Test
  void everyOperationSurvivesHostileInput() {
    String key = dev.assay.support.Api.createWorkspace("hostile").adminKey();
    List<ApiOperations.Operation> operations = ApiOperations.all();
    assertTrue(operations.size() >= 30, operations.toString());
    for (ApiOperations.Operation op : operations) {
      String method = op.method();
      String template = op.template();
      for (String bad : BAD_SEGMENTS) {
        String url = template.replaceAll("\\{[^}]+}", bad);
        if (!url.equals(template)) {
          assertHandled(
              given()
                  .urlEncodingEnabled(false)
                  .contentType(ContentType.JSON)
                  .body("{}")
                  .request(method, url),
              op + " path " + bad);
        }
        String concrete = template.replaceAll("\\{[^}]+}", QUESTION);
        for (String param : List.of("size", "flag", "questionId")) {
          assertHandled(
              as(key).urlEncodingEnabled(false).request(method, concrete + "?" + param + "=" + bad),
              op + " ?" + param + "=" + bad);
        }
      }
      if (!method.equals("GET") && !method.equals("DELETE")) {
        String concrete = template.replaceAll("\\{[^}]+}", QUESTION);
        for (String body : BAD_BODIES) {
          assertHandled(
              as(key).contentType(ContentType.JSON).body(body).request(method, concrete),
              op + " body " + body);
        }
        assertHandled(
            as(key)
                .contentType(ContentType.JSON)
                .body(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'})
                .request(method, concrete),
            op + " invalid UTF-8");
        assertHandled(
            as(key).contentType(ContentType.TEXT).body("answer").request(method, concrete),
            op + " text/plain");
      }
    }
    System.out.println("hostile-input requests: " + requests + ", none answered 500");
    given().get("/q/health/ready").then().statusCode(200);
  }

  @Test
  void wrongJsonTypesAreRejectedNotCoerced() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"questionId\": \"" + QUESTION + "\", \"answer\": 12345}")
        .post("/api/v1/grades")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors.field", hasItem("answer"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"answer\": \"recall first\", \"k\": \"3\"}")
        .post("/api/v1/questions/{id}/retrieve", QUESTION)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("k"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"answer\": \"recall first\", \"k\": 2.5}")
        .post("/api/v1/questions/{id}/retrieve", QUESTION)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("k"));
  }

  @Test
  void controlCharactersAreRefusedWithTheirFieldBeforeAnythingIsGraded() {
    for (String field : List.of("answer", "candidateRef", "questionId")) {
      Map<String, Object> body =
          new java.util.HashMap<>(Map.of("questionId", QUESTION, "answer", "Recall first."));
      body.put(field, "bad\u0000value");
      given()
          .contentType(ContentType.JSON)
          .body(body)
          .post("/api/v1/grades")
          .then()
          .statusCode(400)
          .contentType(PROBLEM)
          .body("errors.field", hasItem(field))
          .body("detail", startsWith(field));
    }
  }

  @Test
  void badQueryParametersAreNamed() {
    for (String size : List.of("abc", "99999999999999", "-1", "0", "201")) {
      given()
          .get("/api/v1/grades?size=" + size)
          .then()
          .statusCode(400)
          .contentType(PROBLEM)
          .body("errors.field", hasItem("size"));
    }
    given()
        .get("/api/v1/grades?page=-3")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("page"));
    given()
        .get("/api/v1/grades?flag=nonsense")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("flag"));
    given()
        .get("/api/v1/grades?stale=maybe")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("stale"));
    given()
        .get("/api/v1/questions?area=nonsense")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("area"));
    given()
        .urlEncodingEnabled(false)
        .get("/api/v1/grades?candidateRef=%00")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("candidateRef"));
    given().get("/api/v1/grades?flag=suspected-injection&size=5").then().statusCode(200);
  }

  @Test
  void oversizedBodiesAre413Problems() {
    String answer = "a".repeat(300 * 1024);
    Response r =
        given()
            .contentType(ContentType.JSON)
            .body("{\"questionId\": \"" + QUESTION + "\", \"answer\": \"" + answer + "\"}")
            .post("/api/v1/grades");
    assertEquals(413, r.statusCode(), r.asString());
    assertTrue(r.contentType().startsWith(PROBLEM));
    assertEquals("payload-too-large", r.jsonPath().getString("code"));
    given().get("/q/health/ready").then().statusCode(200);
  }

  @Test
  void wrongMediaTypeIs415AndBrokenUtf8Is400() {
    String admin = gradingWorkspace();
    as(admin)
        .contentType(ContentType.TEXT)
        .body("answer")
        .post("/api/v1/grades")
        .then()
        .statusCode(415)
        .contentType(PROBLEM);
    as(admin)
        .contentType("application/json; charset=UTF-8")
        .body(
            ("{\"questionId\": \"" + QUESTION + "\", \"answer\": \"x\u0000\"}")
                .replace("\u0000", "")
                .getBytes(StandardCharsets.UTF_8))
        .post("/api/v1/grades")
        .then()
        .statusCode(201);
    as(admin)
        .contentType(ContentType.JSON)
        .body(
            new byte[] {
              '{', '"', 'a', 'n', 's', 'w', 'e', 'r', '"', ':', '"', (byte) 0xFF, '"', '}'
            })
        .post("/api/v1/grades")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
    // Leading zero bytes make the JSON reader guess UTF-32, then fail (found by fuzzing).
    as(admin)
        .contentType(ContentType.JSON)
        .body(new byte[] {'\\', '%', 0, 0, 0, '\n', '@', '%', '\n', 0})
        .post("/api/v1/grades")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("code", equalTo("malformed-body"));
  }

  @Test
  void answersOfInvisibleCharactersAreGradedAsEmptyNotAFailure() {
    String admin = gradingWorkspace();
    for (String answer :
        List.of("\u00A0\u00A0", "\u200B\u200B", "\uDB40\uDC41\uDB40\uDC42", "\u0301")) {
      as(admin)
          .contentType(ContentType.JSON)
          .body(Map.of("questionId", QUESTION, "answer", answer))
          .post("/api/v1/grades")
          .then()
          .statusCode(201)
          .body("overall.score", equalTo(0.0f));
    }
  }
}

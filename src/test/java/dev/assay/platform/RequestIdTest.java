package dev.assay.platform;

import static dev.assay.support.Api.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.support.Api;
import dev.assay.support.TestWorkspace;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/** Every response carries a request id; problems quote it; log lines of the request print it. */
@QuarkusTest
class RequestIdTest {
  private static final String UUID_PATTERN =
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  @Test
  void aRequestWithoutAnIdGetsAFreshOne() {
    String first =
        given().get("/api/v1/areas").then().statusCode(200).extract().header("X-Request-Id");
    String second =
        given().get("/api/v1/areas").then().statusCode(200).extract().header("X-Request-Id");
    assertTrue(first.matches(UUID_PATTERN), first);
    assertNotEquals(first, second);
  }

  @Test
  void aWellFormedCallerIdIsEchoed() {
    given()
        .header("X-Request-Id", "platform-7.trace:42")
        .get("/api/v1/areas")
        .then()
        .statusCode(200)
        .header("X-Request-Id", "platform-7.trace:42");
  }

  @Test
  void aMalformedCallerIdIsReplaced() {
    for (String offered : List.of("has space", "x".repeat(129), "-leading-dash", "a\u00e9b")) {
      given()
          .header("X-Request-Id", offered)
          .get("/api/v1/areas")
          .then()
          .statusCode(200)
          .header("X-Request-Id", matchesPattern(UUID_PATTERN));
    }
  }

  @Test
  void problemsQuoteTheRequestId() {
    given()
        .header("X-Request-Id", "trace-404")
        .get("/api/v1/questions/does-not-exist")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("requestId", equalTo("trace-404"));
    String id =
        RestAssured.given()
            .get("/api/v1/questions")
            .then()
            .statusCode(401)
            .extract()
            .header("X-Request-Id");
    RestAssured.given()
        .header("X-Request-Id", id)
        .get("/api/v1/questions")
        .then()
        .statusCode(401)
        .body("requestId", equalTo(id));
  }

  @Test
  void aTooLargeBodyIsRefusedWithTheRequestId() {
    given()
        .header("X-Request-Id", "trace-413")
        .contentType(ContentType.JSON)
        .body("{\"answer\":\"" + "a".repeat(300 * 1024) + "\"}")
        .post("/api/v1/grades")
        .then()
        .statusCode(413)
        .header("X-Request-Id", "trace-413")
        .body("requestId", equalTo("trace-413"));
  }

  @Test
  void logLinesOfTheRequestCarryItsId() {
    String question = "eval-deterioration-alert-threshold";
    String admin = TestWorkspace.withBuiltInQuestions("request-id", question);
    List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            // The MDC is read when the line is written; keep the request thread's copy of it.
            ExtLogRecord line = (ExtLogRecord) record;
            line.copyMdc();
            records.add(line);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger grading = Logger.getLogger("dev.assay.grading.GradingService");
    grading.addHandler(capture);
    try {
      String requestId = "trace-" + UUID.randomUUID();
      String gradeId =
          Api.as(admin)
              .header("X-Request-Id", requestId)
              .contentType(ContentType.JSON)
              .body(
                  Map.of(
                      "questionId",
                      question,
                      "answer",
                      "Recall at alert capacity on a later validation period " + requestId))
              .post("/api/v1/grades")
              .then()
              .statusCode(201)
              .extract()
              .path("id");
      ExtLogRecord graded =
          records.stream()
              .filter(r -> r.getFormattedMessage().contains("graded id=" + gradeId))
              .findFirst()
              .orElseThrow();
      assertEquals(requestId, graded.getMdc(RequestIds.MDC_KEY));
    } finally {
      grading.removeHandler(capture);
    }
  }
}

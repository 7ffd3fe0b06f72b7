package dev.assay.security;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Per-key limits: 429 with Retry-After once a key's bucket is empty; other keys carry on. */
@QuarkusTest
@TestProfile(RateLimitTest.SmallLimits.class)
@Tag("rate-limit-profile")
class RateLimitTest {
  /** Five calls and two grades per key per minute. */
  public static class SmallLimits implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "assay.rate-limit.requests-per-minute", "5",
          "assay.rate-limit.grades-per-minute", "2");
    }
  }

  @Test
  void aKeyOverItsLimitGets429WithRetryAfterAndOtherKeysCarryOn() {
    String first = Api.issueKey(Api.ADMIN_KEY, "grader");
    String second = Api.issueKey(Api.ADMIN_KEY, "grader");
    for (int i = 0; i < 5; i++) {
      Api.as(first).get("/api/v1/areas").then().statusCode(200);
    }
    String retryAfter =
        Api.as(first)
            .get("/api/v1/areas")
            .then()
            .statusCode(429)
            .contentType("application/problem+json")
            .body("code", equalTo("rate-limited"))
            .extract()
            .header("Retry-After");
    assertTrue(Integer.parseInt(retryAfter) >= 1, retryAfter);
    Api.as(second).get("/api/v1/areas").then().statusCode(200);
  }

  @Test
  void gradesHaveTheirOwnSmallerLimit() {
    String key = Api.issueKey(Api.ADMIN_KEY, "grader");
    Map<String, Object> body =
        Map.of("questionId", "eval-deterioration-alert-threshold", "answer", "Recall at capacity.");
    for (int i = 0; i < 2; i++) {
      Api.grade(key, body);
    }
    Api.as(key)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/grades")
        .then()
        .statusCode(429)
        .body("detail", containsString("grade limit"));
  }
}

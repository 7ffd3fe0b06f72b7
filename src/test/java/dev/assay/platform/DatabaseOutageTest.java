package dev.assay.platform;

import static dev.assay.support.Api.ADMIN_KEY;
import static dev.assay.support.Api.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.assay.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The database stopped under the running service ({@code pg_ctl stop -m immediate}): every request
 * that needs it, authentication included, is a 503 problem with {@code Retry-After}, never a 500;
 * grading works again within five seconds of the database returning, and every grade acknowledged
 * before the outage is still there. A profile of its own gives this class a cluster of its own (and
 * a JVM of its own, see pom.xml), so stopping it disturbs no other test.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.OwnCluster.class)
@Tag("database-outage")
class DatabaseOutageTest {
  private static final String QUESTION = "eval-deterioration-alert-threshold";
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  /** No settings of its own: the production pool settings are the ones under test. */
  public static class OwnCluster implements QuarkusTestProfile {}

  @Inject DataSource dataSource;

  private TestCluster cluster;
  private boolean stopped;

  @AfterEach
  void databaseIsBack() {
    if (stopped) {
      cluster.start();
    }
  }

  @Test
  void anOutageIsA503WithRetryAfterAndGradingResumesWithinFiveSeconds() throws Exception {
    // given: acknowledged grades, a reviewer's web session and a sign-in form
    cluster = TestCluster.of(dataSource);
    List<String> acknowledged = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      acknowledged.add(Api.grade(ADMIN_KEY, QUESTION, answer()).getString("id"));
    }
    String reviewer = Api.issueKey(ADMIN_KEY, "reviewer");
    String session = signIn(reviewer).cookie("assay_session");
    Response form = RestAssured.given().get("/app/sign-in");

    // when: the database stops
    cluster.stopImmediately();
    stopped = true;

    // then: grading, authenticated reads, pages and sign-in are all 503 with Retry-After
    unavailable(gradeRequest(ADMIN_KEY));
    unavailable(as(ADMIN_KEY).get("/api/v1/grades/{id}", acknowledged.get(0)).then());
    unavailable(as(ADMIN_KEY).get("/api/v1/grades").then());
    unavailable(as(reviewer).get("/api/v1/review-queue").then());
    unavailablePage(RestAssured.given().cookie("assay_session", session).get("/app/queue").then());
    unavailablePage(
        RestAssured.given()
            .redirects()
            .follow(false)
            .cookie(form.detailedCookie("assay_sign_in"))
            .formParam("_csrf", csrf(form.body().asString()))
            .formParam("apiKey", reviewer)
            .post("/app/sign-in")
            .then());

    // when: it returns, then grading resumes within five seconds by itself
    cluster.start();
    stopped = false;
    long back = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> gradeRequest(ADMIN_KEY).extract().statusCode() == 201);
    System.out.printf(
        "grading again %.2f s after the database returned%n", (System.nanoTime() - back) / 1e9);
    for (String id : acknowledged) {
      as(ADMIN_KEY).get("/api/v1/grades/{id}", id).then().statusCode(200).body("id", equalTo(id));
    }
  }

  private static void unavailable(ValidatableResponse response) {
    response
        .statusCode(503)
        .contentType("application/problem+json")
        .header("Retry-After", equalTo("2"))
        .body("code", equalTo("database-unavailable"));
  }

  /** The web app shows the same refusal as a page (web.PageErrors), keeping the Retry-After. */
  private static void unavailablePage(ValidatableResponse response) {
    response
        .statusCode(503)
        .contentType(ContentType.HTML)
        .header("Retry-After", equalTo("2"))
        .body(containsString("Service unavailable"));
  }

  private static ValidatableResponse gradeRequest(String key) {
    return as(key)
        .contentType(ContentType.JSON)
        .body(Map.of("questionId", QUESTION, "answer", answer(), "candidateRef", "outage"))
        .post("/api/v1/grades")
        .then();
  }

  private static String answer() {
    return "I would pick the threshold by the alerts the team can handle and report sensitivity. "
        + UUID.randomUUID();
  }

  private static Response signIn(String key) {
    Response form = RestAssured.given().get("/app/sign-in");
    Response done =
        RestAssured.given()
            .redirects()
            .follow(false)
            .cookie(form.detailedCookie("assay_sign_in"))
            .formParam("_csrf", csrf(form.body().asString()))
            .formParam("apiKey", key)
            .post("/app/sign-in");
    assertEquals(303, done.statusCode(), done.body().asString());
    return done;
  }

  private static String csrf(String html) {
    Matcher m = CSRF.matcher(html);
    if (!m.find()) {
      throw new AssertionError("the page has no CSRF field: " + html);
    }
    return m.group(1);
  }
}

package dev.assay.web;

import static dev.assay.support.Api.ADMIN_KEY;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.support.Api;
import dev.assay.support.TestWorkspace;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Sign-in, the session cookie, CSRF on every form and workspace isolation, over plain HTTP. */
@QuarkusTest
class WebSignInTest {
  private static final String QUESTION = "eval-deterioration-alert-threshold";
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  /** A signed-in browser: its session cookie and the CSRF token its pages carry. */
  record Browser(String session, String csrf) {}

  static Browser signIn(String key) {
    Response form = RestAssured.given().redirects().follow(false).get("/app/sign-in");
    String token = csrf(form.body().asString());
    Response done =
        RestAssured.given()
            .redirects()
            .follow(false)
            .cookie(form.detailedCookie("assay_sign_in"))
            .formParam("_csrf", token)
            .formParam("apiKey", key)
            .post("/app/sign-in");
    assertEquals(303, done.statusCode(), done.body().asString());
    String session = done.cookie("assay_session");
    String page =
        RestAssured.given().cookie("assay_session", session).get("/app/queue").body().asString();
    return new Browser(session, csrf(page));
  }

  private static String csrf(String html) {
    Matcher m = CSRF.matcher(html);
    assertTrue(m.find(), "the page has a CSRF field: " + html);
    return m.group(1);
  }

  @Test
  void aPageWithoutASessionSendsThePersonToSignIn() {
    RestAssured.given()
        .redirects()
        .follow(false)
        .get("/app/queue?reason=flagged")
        .then()
        .statusCode(303)
        .header("Location", containsString("/app/sign-in?next=%2Fapp%2Fqueue%3Freason%3Dflagged"));
  }

  @Test
  void theSessionCookieIsSecureHttpOnlyStrictAndScopedToTheApp() {
    Response form = RestAssured.given().get("/app/sign-in");
    Response done =
        RestAssured.given()
            .redirects()
            .follow(false)
            .cookie(form.detailedCookie("assay_sign_in"))
            .formParam("_csrf", csrf(form.body().asString()))
            .formParam("apiKey", Api.issueKey(ADMIN_KEY, "reviewer"))
            .formParam("next", "/app/queue?age=over-day")
            .post("/app/sign-in");
    assertEquals(303, done.statusCode());
    assertTrue(done.header("Location").endsWith("/app/queue?age=over-day"));
    Cookie cookie = done.detailedCookie("assay_session");
    assertNotNull(cookie);
    assertTrue(cookie.isHttpOnly(), "http-only");
    assertTrue(cookie.isSecured(), "secure");
    assertEquals("Strict", cookie.getSameSite());
    assertEquals("/app", cookie.getPath());
  }

  @Test
  void signInRefusesAFormWithoutItsTokenAGraderKeyAndAnUnknownKey() {
    Response form = RestAssured.given().get("/app/sign-in");
    RestAssured.given()
        .cookie(form.detailedCookie("assay_sign_in"))
        .formParam("_csrf", "forged")
        .formParam("apiKey", ADMIN_KEY)
        .post("/app/sign-in")
        .then()
        .statusCode(403)
        .header("Set-Cookie", not(containsString("assay_session=")));
    for (String key : new String[] {Api.issueKey(ADMIN_KEY, "grader"), "not-a-key"}) {
      Response again = RestAssured.given().get("/app/sign-in");
      RestAssured.given()
          .cookie(again.detailedCookie("assay_sign_in"))
          .formParam("_csrf", csrf(again.body().asString()))
          .formParam("apiKey", key)
          .post("/app/sign-in")
          .then()
          .statusCode(401)
          .body(containsString("role=\"alert\""));
    }
  }

  @Test
  void anOpenRedirectIsNotPossible() {
    assertEquals("/app/queue", SignInResource.safeNext("https://evil.example/"));
    assertEquals("/app/queue", SignInResource.safeNext("//evil.example/app/"));
    assertEquals("/app/queue", SignInResource.safeNext("/app/\\evil"));
    assertEquals("/app/grades/x", SignInResource.safeNext("/app/grades/x"));
  }

  @Test
  void everyFormNeedsTheSessionsCsrfToken() {
    String admin = TestWorkspace.withBuiltInQuestions("web-csrf", QUESTION);
    Browser b = signIn(Api.issueKey(admin, "reviewer"));
    String grade = Api.grade(admin, QUESTION, "Use recall.").getString("id");
    for (String form :
        new String[] {
          "/app/queue/" + grade + "/claim",
          "/app/queue/" + grade + "/release",
          "/app/grades/" + grade + "/confirm",
          "/app/grades/" + grade + "/override",
          "/app/sign-out"
        }) {
      RestAssured.given()
          .cookie("assay_session", b.session())
          .formParam("_csrf", "not-the-token")
          .formParam("reasonCode", "too-harsh")
          .formParam("overall", "1")
          .post(form)
          .then()
          .statusCode(403);
    }
    Api.as(admin)
        .get("/api/v1/grades/{id}/history", grade)
        .then()
        .statusCode(200)
        .body("events.size()", org.hamcrest.Matchers.is(1));
  }

  @Test
  void theCookieDoesNotOpenTheApiAndSignOutEndsTheSession() {
    Browser b = signIn(Api.issueKey(ADMIN_KEY, "reviewer"));
    RestAssured.given()
        .cookie("assay_session", b.session())
        .get("/api/v1/review-queue")
        .then()
        .statusCode(401);
    RestAssured.given()
        .redirects()
        .follow(false)
        .cookie("assay_session", b.session())
        .formParam("_csrf", b.csrf())
        .post("/app/sign-out")
        .then()
        .statusCode(303)
        .header("Set-Cookie", containsString("Max-Age=0"));
    RestAssured.given()
        .redirects()
        .follow(false)
        .cookie("assay_session", b.session())
        .get("/app/queue")
        .then()
        .statusCode(303)
        .header("Location", containsString("/app/sign-in"));
  }

  @Test
  void aReviewerNeverSeesAnotherWorkspacesGrade() {
    String admin = TestWorkspace.withBuiltInQuestions("web-a", QUESTION);
    String grade = Api.grade(admin, QUESTION, "Pick recall at capacity.").getString("id");
    Api.Workspace other = Api.createWorkspace("web-b");
    Browser b = signIn(Api.issueKey(other.adminKey(), "reviewer"));
    RestAssured.given()
        .cookie("assay_session", b.session())
        .get("/app/grades/" + grade)
        .then()
        .statusCode(404);
    RestAssured.given()
        .cookie("assay_session", b.session())
        .get("/app/queue")
        .then()
        .statusCode(200)
        .body(not(containsString(grade)));
  }
}

package dev.assay.web;

import static dev.assay.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.support.Api;
import dev.assay.support.TestWorkspace;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The web app's pages over plain HTTP: refusals are pages (the API keeps problem+json), the
 * fairness page is for admins only, and no page a reviewer can open shows a cohort attribute.
 */
@QuarkusTest
class WebPagesTest {
  private static io.restassured.specification.RequestSpecification page(WebSignInTest.Browser b) {
    return RestAssured.given().redirects().follow(false).cookie("assay_session", b.session());
  }

  @Test
  void unknownPagesGradesAndQuestionsAreHtmlPagesWhileTheApiKeepsProblemJson() {
    String admin =
        TestWorkspace.withBuiltInQuestions("web-pages", "eval-deterioration-alert-threshold");
    WebSignInTest.Browser reviewer = WebSignInTest.signIn(Api.issueKey(admin, "reviewer"));
    String grade = UUID.randomUUID().toString();
    for (String path :
        List.of(
            "/app/grades/" + grade,
            "/app/grades/not-a-uuid",
            "/app/no-such-page",
            "/app/bank/questions/no-such-question",
            "/app/interviews/" + grade)) {
      page(reviewer)
          .get(path)
          .then()
          .statusCode(404)
          .contentType(startsWith("text/html"))
          .header("Content-Security-Policy", containsString("default-src 'self'"))
          .body(containsString("<h1>Page not found</h1>"));
    }
    Api.as(admin)
        .get("/api/v1/grades/{id}", grade)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    String interview =
        Api.as(admin)
            .contentType(ContentType.JSON)
            .body(Map.of("candidateRef", "wp-" + UUID.randomUUID(), "role", "llm-product-engineer"))
            .post("/api/v1/interviews")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    io.restassured.response.Response print =
        page(reviewer).get("/app/interviews/{id}/print", interview);
    assertEquals(200, print.statusCode());
    assertEquals(
        List.of(
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none';"
                + " form-action 'none'"),
        print.headers().getValues("Content-Security-Policy"),
        "one policy, which lets the print view's own stylesheet apply");
    page(reviewer)
        .get("/app/bank/questions/eval-deterioration-alert-threshold/diff?from=x&to=1")
        .then()
        .statusCode(400)
        .contentType(startsWith("text/html"))
        .body(containsString("rubric version number"));
  }

  @Test
  void theFairnessPageIsForAdminsAndNoReviewerPageShowsACohortValue() {
    String admin = TestWorkspace.withQuestions("web-cohort", "wc-question");
    String value = "cohort-value-" + UUID.randomUUID();
    String candidate = "wc-" + UUID.randomUUID();
    String grade = TestWorkspace.grade(admin, "wc-question", candidate);
    as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("attributes", Map.of("web-attribute", value)))
        .put("/api/v1/candidates/{ref}/cohort", candidate)
        .then()
        .statusCode(204);
    WebSignInTest.Browser reviewer = WebSignInTest.signIn(Api.issueKey(admin, "reviewer"));
    page(reviewer)
        .get("/app/fairness")
        .then()
        .statusCode(403)
        .contentType(startsWith("text/html"))
        .body(containsString("Not for your role"));
    for (String path :
        List.of(
            "/app/queue",
            "/app/grades/" + grade,
            "/app/bank",
            "/app/bank/questions/wc-question",
            "/app/bank/pending",
            "/app/dashboard",
            "/app/operations",
            "/app/evaluations",
            "/app/interviews")) {
      String html = page(reviewer).get(path).then().statusCode(200).extract().asString();
      assertFalse(html.contains(value) || html.contains("web-attribute"), path + " shows cohorts");
      assertFalse(html.contains("href=\"/app/fairness\""), path + " links the admins' page");
    }
    WebSignInTest.Browser owner = WebSignInTest.signIn(admin);
    String report = page(owner).get("/app/fairness").then().statusCode(200).extract().asString();
    assertTrue(report.contains("web-attribute"), "the admin reads the attribute");
  }
}

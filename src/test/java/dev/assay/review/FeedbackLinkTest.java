package dev.assay.review;

import static dev.assay.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.support.Api;
import dev.assay.support.TestWorkspace;
import dev.assay.support.Words;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signed, expiring candidate feedback links: what they open, and what they refuse. */
@QuarkusTest
class FeedbackLinkTest {
  private static final String QUESTION = "eval-deterioration-alert-threshold";

  @Inject FeedbackLinks links;

  /** The admin of this class's own workspace, where its grades and links are made. */
  private static String admin;

  @BeforeEach
  void workspace() {
    if (admin == null) {
      admin = TestWorkspace.withBuiltInQuestions("feedback-link", QUESTION);
    }
  }

  private static String path(JsonPath link) {
    return URI.create(link.getString("url")).getPath();
  }

  private static JsonPath link(String key, String gradeId) {
    return as(key)
        .contentType(ContentType.JSON)
        .body(Map.of())
        .post("/api/v1/grades/{id}/feedback-links", gradeId)
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  @Test
  void theLinkOpensWithoutAKeyAndShowsNoExemplarText() {
    String grader = Api.issueKey(admin, "grader");
    List<String> exemplars =
        as(admin)
            .queryParam("includeInactive", true)
            .get("/api/v1/questions/{id}/exemplars", QUESTION)
            .jsonPath()
            .getList("text", String.class);
    // The worst case: the candidate's answer is a copy of a reference answer.
    String gradeId =
        Api.grade(grader, QUESTION, exemplars.get(0) + " " + UUID.randomUUID()).getString("id");
    JsonPath link = link(grader, gradeId);
    assertTrue(Instant.parse(link.getString("expiresAt")).isAfter(Instant.now()));
    String html =
        RestAssured.given()
            .get(path(link))
            .then()
            .statusCode(200)
            .header("Referrer-Policy", "no-referrer")
            .body(containsString("Feedback on your answer"))
            .extract()
            .asString();
    String text = html.replaceAll("<[^>]+>", " ");
    Set<String> runs = new HashSet<>();
    exemplars.forEach(e -> runs.addAll(Words.runs(e, 8)));
    Set<String> shown = Words.runs(text, 8);
    shown.retainAll(runs);
    assertEquals(Set.of(), shown, "exemplar text on the candidate page");
  }

  @Test
  void anAlteredOrExpiredLinkIsRefused() {
    String gradeId =
        Api.grade(admin, QUESTION, "Recall at capacity. " + UUID.randomUUID()).getString("id");
    String path = path(link(admin, gradeId));
    String token = path.substring("/feedback/".length());
    char last = token.charAt(token.length() - 1);
    String altered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    RestAssured.given()
        .get("/feedback/" + altered)
        .then()
        .statusCode(404)
        .body(containsString("not valid"));
    RestAssured.given().get("/feedback/nonsense").then().statusCode(404);
    // Another grade's id under the first link's signature.
    String other = Api.grade(admin, QUESTION, "Use F1. " + UUID.randomUUID()).getString("id");
    String[] parts = token.split("\\.");
    String forgedPayload =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[0]))
                    .replace(gradeId, other)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    RestAssured.given().get("/feedback/" + forgedPayload + "." + parts[1]).then().statusCode(404);
    long workspace = links.check(token, Instant.now()).target().orElseThrow().workspaceId();
    String expired =
        links.token(workspace, UUID.fromString(gradeId), Instant.now().minusSeconds(1));
    RestAssured.given()
        .get("/feedback/" + expired)
        .then()
        .statusCode(410)
        .body(containsString("expired"), not(containsString("Recall at capacity")));
  }

  @Test
  void aGraderLinksOnlyItsOwnGrades() {
    String mine = Api.issueKey(admin, "grader");
    String theirs = Api.issueKey(admin, "grader");
    String gradeId =
        Api.grade(theirs, QUESTION, "Launch on recall. " + UUID.randomUUID()).getString("id");
    as(mine)
        .contentType(ContentType.JSON)
        .body(Map.of())
        .post("/api/v1/grades/{id}/feedback-links", gradeId)
        .then()
        .statusCode(404);
    as(theirs)
        .contentType(ContentType.JSON)
        .body(Map.of("days", 91))
        .post("/api/v1/grades/{id}/feedback-links", gradeId)
        .then()
        .statusCode(400);
  }
}

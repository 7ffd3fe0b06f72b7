package dev.assay.fairness;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.assay.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.assay.support.Api;
import dev.assay.support.FakeLlmServer;
import dev.assay.support.GullibleGrader;
import dev.assay.support.LlmProfile;
import dev.assay.support.TestWorkspace;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * With the LLM grader on (a local fake OpenAI-compatible server), a candidate's cohort attributes,
 * attached before and between their answers, never reach the LLM: every request the fake server
 * logged is searched for them. Nor does any response a grader or reviewer key can get: every GET
 * operation of the OpenAPI document is called with both keys, its path filled with the candidate's
 * own grade, interview and question ids.
 */
@QuarkusTest
@TestProfile(LlmProfile.class)
@Tag("own-jvm")
class CohortSeparationLlmTest {
  private static final String CHAT = "/v1/chat/completions";
  private static final List<String> QUESTIONS =
      List.of("llm-policy-copilot-grounding", "eval-deterioration-alert-threshold");

  @Test
  void cohortAttributesNeverReachTheLlmNorGraderOrReviewerResponses() {
    FakeLlmServer.server().resetAll();
    FakeLlmServer.server()
        .stubFor(
            post(urlEqualTo(CHAT))
                .willReturn(
                    aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withTransformers(GullibleGrader.NAME)));
    String run = UUID.randomUUID().toString().substring(0, 8);
    String candidate = "cand-" + run;
    String sex = "sexmarker" + run;
    String race = "racemarker" + run;
    String attribute = "probe-attribute-" + run;
    List<String> markers = List.of(sex, race, attribute);
    String admin =
        TestWorkspace.withBuiltInQuestions("cohort-separation", QUESTIONS.toArray(String[]::new));
    String grader = Api.issueKey(admin, "grader");
    String reviewer = Api.issueKey(admin, "reviewer");
    List<String> postBodies = new ArrayList<>();

    attach(grader, candidate, Map.of("sex", sex, attribute, race));
    List<String> grades = new ArrayList<>();
    for (String q : QUESTIONS) {
      Response r = gradeAs(grader, q, candidate);
      postBodies.add(r.asString());
      grades.add(r.path("id"));
      attach(grader, candidate, Map.of("sex", sex, "race-ethnicity", race, attribute, race));
    }
    Response interview =
        as(grader)
            .contentType(ContentType.JSON)
            .body(Map.of("candidateRef", candidate, "role", "llm-product-engineer"))
            .post("/api/v1/interviews");
    assertEquals(201, interview.statusCode());
    postBodies.add(interview.asString());
    Response override =
        as(reviewer)
            .contentType(ContentType.JSON)
            .body(Map.of("overall", 3.0, "reasonCode", "other"))
            .post("/api/v1/grades/{id}/overrides", grades.get(0));
    postBodies.add(override.asString());

    List<LoggedRequest> sent = FakeLlmServer.server().findAll(postRequestedFor(urlEqualTo(CHAT)));
    assertTrue(sent.size() >= QUESTIONS.size(), "the LLM graded: " + sent.size() + " requests");
    for (LoggedRequest request : sent) {
      String body = request.getBodyAsString().toLowerCase(Locale.ROOT);
      for (String marker : markers) {
        assertFalse(
            body.contains(marker.toLowerCase(Locale.ROOT)), "LLM request carries " + marker);
      }
      assertFalse(body.contains(candidate), "the LLM needs no candidate reference");
    }
    for (String body : postBodies) {
      assertNoMarker(body, markers, "a POST response");
    }
    Map<String, String> ids =
        Map.of(
            "grades", grades.get(0),
            "interviews", interview.path("id"),
            "questions", QUESTIONS.get(0),
            "candidates", candidate);
    int calls = 0;
    for (String path : getPaths()) {
      String concrete = fill(path, ids);
      for (String key : List.of(grader, reviewer)) {
        Response r = as(key).queryParam("candidateRef", candidate).get(concrete);
        assertTrue(r.statusCode() < 500, concrete + " " + r.statusCode());
        assertNoMarker(r.asString(), markers, "GET " + concrete);
        calls++;
      }
    }
    assertTrue(calls > 40, "the sweep called " + calls);
    // The admin does read them: the sweep would have seen them had a role leaked.
    String own = as(admin).get("/api/v1/candidates/{ref}/cohort", candidate).asString();
    assertTrue(own.contains(sex) && own.contains(race), own);
  }

  private static void attach(String key, String candidate, Map<String, String> attributes) {
    as(key)
        .contentType(ContentType.JSON)
        .body(Map.of("attributes", attributes))
        .put("/api/v1/candidates/{ref}/cohort", candidate)
        .then()
        .statusCode(204);
  }

  private static Response gradeAs(String key, String question, String candidate) {
    Response r =
        as(key)
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "questionId",
                    question,
                    "candidateRef",
                    candidate,
                    "answer",
                    "I would measure recall on a labelled set of real questions, log the retrieved"
                        + " passages with each answer and make the assistant abstain when nothing"
                        + " relevant is found. "
                        + UUID.randomUUID()))
            .post("/api/v1/grades");
    assertEquals(201, r.statusCode(), r.asString());
    return r;
  }

  private static void assertNoMarker(String body, List<String> markers, String what) {
    String lower = body.toLowerCase(Locale.ROOT);
    for (String marker : markers) {
      assertFalse(lower.contains(marker.toLowerCase(Locale.ROOT)), what + " carries " + marker);
    }
  }

  /** Every GET path of the API, from the OpenAPI document. */
  private static List<String> getPaths() {
    Map<String, Map<String, Object>> paths =
        RestAssured.given()
            .queryParam("format", "json")
            .get("/q/openapi")
            .jsonPath()
            .getMap("paths");
    return paths.entrySet().stream()
        .filter(e -> e.getKey().startsWith("/api/v1") && e.getValue().containsKey("get"))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  /** A path with its parameters filled: the resource's own id where the test has one. */
  private static String fill(String template, Map<String, String> ids) {
    String resource = template.split("/")[3];
    String id = ids.getOrDefault(resource, UUID.randomUUID().toString());
    return template.replaceFirst("\\{[^}]+}", id).replaceAll("\\{[^}]+}", "none");
  }
}

package dev.assay.review;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.assay.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.support.Api;
import dev.assay.support.FakeLlmServer;
import dev.assay.support.LlmProfile;
import dev.assay.support.TestBank;
import dev.assay.support.TestWorkspace;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Feedback on a grade whose per-criterion scores and citations are set exactly, by a fake LLM
 * grader: a strength needs the acceptable level and a quote cited as evidence for that criterion.
 */
@QuarkusTest
@TestProfile(LlmProfile.class)
@Tag("own-jvm")
class LlmFeedbackTest {
  private static final String QUESTION = "eval-deterioration-alert-threshold";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One criterion as the fake grader scores it; {@code exemplarId} null = the answer's evidence.
   */
  private record Scored(String criterion, int score, String exemplarId, String quote) {
    Map<String, Object> json() {
      List<Map<String, Object>> citations = new ArrayList<>();
      if (quote != null) {
        Map<String, Object> citation = new HashMap<>();
        citation.put("exemplarId", exemplarId);
        citation.put("quote", quote);
        citations.add(citation);
      }
      return Map.of(
          "criterion", criterion, "score", score, "rationale", "r", "citations", citations);
    }
  }

  /** Makes the fake LLM answer every call with these criterion grades. */
  private static void llmGrades(List<Scored> grades) throws Exception {
    String content =
        JSON.writeValueAsString(
            Map.of(
                "criteria", grades.stream().map(Scored::json).toList(), "overallRationale", "o"));
    FakeLlmServer.server().resetAll();
    FakeLlmServer.server()
        .stubFor(
            post(urlEqualTo("/v1/chat/completions")).willReturn(FakeLlmServer.completion(content)));
  }

  /** The admin of this class's own workspace, where its grades and overrides are made. */
  private static String admin;

  @BeforeEach
  void workspace() {
    if (admin == null) {
      admin = TestWorkspace.withBuiltInQuestions("llm-feedback", QUESTION);
    }
  }

  private static JsonPath postGrade(String answer) {
    return Api.grade(admin, Map.of("questionId", QUESTION, "answer", answer));
  }

  /** A description as the feedback names it inside a sentence. */
  private static String topic(String description) {
    String d = description.strip().replaceAll("\\.$", "");
    return Character.toLowerCase(d.charAt(0)) + d.substring(1);
  }

  @Test
  void strengthsFollowTheScoreAndTheEvidenceForEachCriterion() throws Exception {
    String costs = "Missing a deteriorating patient costs far more than an extra check by a nurse.";
    String metric = "I would look at recall.";
    String threshold = "The threshold would be tuned a bit.";
    String answer =
        costs + " " + metric + " " + threshold + " Run " + UUID.randomUUID() + " of this test.";
    JsonPath question = as(admin).get("/api/v1/questions/{id}", QUESTION).jsonPath();
    List<String> keys = question.getList("rubric.criteria.key");
    String exemplar = TestBank.retrieve(admin, QUESTION, answer, 3).getString("strong[0].id");
    llmGrades(
        List.of(
            // at the acceptable level, with the answer's own words as evidence: a strength
            new Scored(keys.get(0), 3, null, costs),
            // at the acceptable level, but the only citation is a resemblance to an exemplar
            new Scored(keys.get(1), 3, exemplar, metric),
            // evidence, but below the acceptable level
            new Scored(keys.get(2), 1, null, threshold),
            // nothing cited and scored low: not addressed
            new Scored(keys.get(3), 0, null, null)));
    // The first LLM call of a fresh JVM loads the client and can outlast the test profile's 2 s
    // deadline; one throwaway grade first, so the graded answer meets a warm client.
    postGrade("Warm-up answer " + UUID.randomUUID());
    JsonPath graded = postGrade(answer);
    assertEquals("llm", graded.getString("mode"));
    String id = graded.getString("id");

    JsonPath f = as(admin).get("/api/v1/grades/{id}/feedback", id).jsonPath();

    List<Map<String, Object>> c = f.getList("criteria");
    List<String> descriptions = question.getList("rubric.criteria.description");
    List<String> hints = question.getList("rubric.criteria.hint");
    assertEquals(
        List.of(
            "On "
                + topic(descriptions.get(0))
                + ", your answer earns credit, for example where you wrote: \u201c"
                + costs
                + "\u201d"),
        c.get(0).get("strengths"));
    assertEquals(
        List.of("Where your answer stands now: partly addressed, with room to go further."),
        c.get(0).get("gaps"));
    assertEquals(List.of(hints.get(0)), c.get(0).get("nextSteps"));
    assertEquals(List.of(), c.get(1).get("strengths"));
    assertEquals(List.of(), c.get(2).get("strengths"));
    assertEquals(
        List.of("Where your answer stands now: touched on, but not yet addressed."),
        c.get(2).get("gaps"));
    assertEquals(List.of(), c.get(3).get("strengths"));
    assertEquals(
        List.of("Your answer did not address this criterion: " + topic(descriptions.get(3)) + "."),
        c.get(3).get("gaps"));
    assertEquals(List.of(hints.get(3)), c.get(3).get("nextSteps"));

    // A reviewer who scores the first criterion lower takes its strength away.
    as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("criteria", Map.of(keys.get(0), 1), "reasonCode", "too-lenient"))
        .post("/api/v1/grades/{id}/overrides", id)
        .then()
        .statusCode(201);
    assertEquals(
        List.of(),
        as(admin)
            .get("/api/v1/grades/{id}/feedback", id)
            .jsonPath()
            .getList("criteria[0].strengths"));
  }
}

package dev.assay.grading;

import static dev.assay.support.Api.as;
import static dev.assay.support.Api.grade;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.assay.llm.LlmClient;
import dev.assay.llm.PromptTokens;
import dev.assay.support.FakeLlmServer;
import dev.assay.support.LlmProfile;
import dev.assay.support.TestWorkspace;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The prompt versions: v3, the deployment default, keeps a 300-word answer to a 4-criterion
 * question within the 1,500-token budget (counted with the real tokenizer), and a configuration
 * pinned to v2 still grades with v2's wording and layout.
 */
@QuarkusTest
@TestProfile(LlmProfile.class)
@Tag("own-jvm")
class PromptVersionsTest {
  private static final String QUESTION = OfflineGradingTest.QUESTION;
  private static final int BUDGET = 1500;

  private WireMockServer llm;
  private String run;
  private List<String> criteria;

  /**
   * The admin of this class's own workspace: its grader configurations and shadow setting are this
   * class's.
   */
  private static String admin;

  @BeforeEach
  void setUp() {
    if (admin == null) {
      admin = TestWorkspace.withBuiltInQuestions("prompt-versions", QUESTION);
    }
    run = UUID.randomUUID().toString();
    llm = FakeLlmServer.server();
    llm.resetAll();
    criteria = LlmReplies.criteria(admin, QUESTION);
  }

  /** 300 words taken from the question's exemplar texts, ending with this test's run id. */
  private String threeHundredWords() {
    List<String> texts =
        as(admin).get("/api/v1/questions/{id}/exemplars", QUESTION).jsonPath().getList("text");
    List<String> pool = Arrays.asList(String.join(" ", texts).strip().split("\\s+"));
    assertTrue(pool.size() >= 400, "enough exemplar text for a 300-word answer");
    return String.join(" ", pool.subList(100, 398)) + " Run " + run;
  }

  private JsonPath gradeIt(String answer) throws Exception {
    String quote = answer.substring(0, answer.indexOf(' ', 40));
    LlmReplies.script(
        llm, run, FakeLlmServer.completion(LlmReplies.grade(criteria, 2, null, quote)));
    return grade(
        admin, Map.of("questionId", QUESTION, "answer", answer, "candidateRef", "cand-" + run));
  }

  private static List<LlmClient.Message> messages(LoggedRequest call) {
    List<Map<String, String>> sent = new JsonPath(call.getBodyAsString()).getList("messages");
    return sent.stream().map(m -> new LlmClient.Message(m.get("role"), m.get("content"))).toList();
  }

  @Test
  void theV3RequestForA300WordAnswerToAFourCriterionQuestionFitsTheBudget() throws Exception {
    // given a 300-word answer to a question with 4 criteria
    String answer = threeHundredWords();
    assertEquals(300, answer.split("\\s+").length);
    assertEquals(4, criteria.size());

    // when
    JsonPath g = gradeIt(answer);

    // then the request is v3's, and the real tokenizer counts it within the budget
    assertEquals("llm", g.getString("mode"));
    assertEquals("v3", g.getString("provenance.prompt.version"));
    List<LoggedRequest> calls = LlmReplies.calls(llm, run);
    assertEquals(1, calls.size());
    List<LlmClient.Message> sent = messages(calls.get(0));
    assertEquals(ExpectedPrompt.file("v3", "system.md"), sent.get(0).content());
    assertEquals(ExpectedPrompt.v3User(admin, QUESTION, answer), sent.get(1).content());
    int tokens = PromptTokens.count(sent);
    assertEquals(tokens, g.getInt("provenance.tokens.prompt"));
    assertTrue(tokens <= BUDGET, "v3 prompt of a 300-word answer: " + tokens + " tokens");
    assertEquals(
        ExpectedPrompt.shownIds(admin, QUESTION, answer), g.getList("provenance.exemplarsShown"));
  }

  @Test
  void aConfigurationPinnedToV2StillGradesWithV2() throws Exception {
    // given a saved configuration pinned to v2, grading the live traffic again in shadow
    as(admin)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "name",
                "pinned-v2",
                "spec",
                Map.of("mode", "llm", "model", "fake-grader-v2", "promptVersion", "v2")))
        .post("/api/v1/grader-configs")
        .then()
        .statusCode(Matchers.anyOf(Matchers.is(201), Matchers.is(200)))
        .body("spec.promptVersion", Matchers.equalTo("v2"));
    as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("config", "pinned-v2"))
        .put("/api/v1/shadow")
        .then()
        .statusCode(200);
    try {
      String answer =
          "Accuracy is meaningless at 4% prevalence; I would launch on recall at thirty alerts per"
              + " shift and pick the threshold on a later period. Run "
              + run
              + ".";

      // when the deployment default (v3) grades and the v2 configuration grades again
      JsonPath g = gradeIt(answer);
      List<LoggedRequest> calls =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(() -> LlmReplies.calls(llm, run), c -> c.size() >= 2);

      // then each request carries its own version's wording and layout
      assertEquals("v3", g.getString("provenance.prompt.version"));
      for (LoggedRequest call : calls) {
        String model = new JsonPath(call.getBodyAsString()).getString("model");
        String version = model.equals("fake-grader-v2") ? "v2" : "v3";
        List<LlmClient.Message> sent = messages(call);
        assertEquals(ExpectedPrompt.file(version, "system.md"), sent.get(0).content(), model);
        assertEquals(
            version.equals("v2")
                ? ExpectedPrompt.v2User(admin, QUESTION, answer)
                : ExpectedPrompt.v3User(admin, QUESTION, answer),
            sent.get(1).content(),
            model);
      }
      assertEquals(
          List.of("fake-grader-1", "fake-grader-v2"),
          calls.stream()
              .map(c -> new JsonPath(c.getBodyAsString()).getString("model"))
              .sorted()
              .toList());
    } finally {
      as(admin).delete("/api/v1/shadow").then().statusCode(204);
    }
  }

  @Test
  void theDeploymentDefaultNamesV3() {
    as(admin)
        .get("/api/v1/grader-configs/{name}", "deployment-default")
        .then()
        .statusCode(200)
        .body("spec.promptVersion", Matchers.equalTo("v3"));
  }
}

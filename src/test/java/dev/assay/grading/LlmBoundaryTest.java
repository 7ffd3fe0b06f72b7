package dev.assay.grading;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.assay.support.Api.grade;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.assay.support.FakeLlmServer;
import dev.assay.support.LlmProfile;
import dev.assay.support.TestWorkspace;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The LLM boundary's one deadline per grade (5 s in {@link LlmProfile}), its retries and the
 * request schema, against the fake LLM: what was sent, how long each attempt took, what the grade
 * says.
 */
@QuarkusTest
@TestProfile(LlmProfile.class)
@Tag("own-jvm")
class LlmBoundaryTest {
  private static final String QUESTION = OfflineGradingTest.QUESTION;
  private static final long DEADLINE_MS = 5000;

  private WireMockServer llm;
  private String run;
  private String answer;
  private String quote;
  private List<String> criteria;

  /** The admin of this class's own workspace, where its grades are logged. */
  private static String admin;

  @BeforeEach
  void setUp() {
    if (admin == null) {
      admin = TestWorkspace.withBuiltInQuestions("llm-boundary", QUESTION);
    }
    run = UUID.randomUUID().toString();
    llm = FakeLlmServer.server();
    llm.resetAll();
    quote = "I would pick the threshold on a later held-out period with each patient in one split.";
    answer =
        "Accuracy misleads at 4% prevalence, so I would launch on recall within the alert capacity. "
            + quote
            + " Run "
            + run
            + ".";
    criteria = LlmReplies.criteria(admin, QUESTION);
  }

  private ResponseDefinitionBuilder valid() throws Exception {
    return FakeLlmServer.completion(LlmReplies.grade(criteria, 3, null, quote));
  }

  /** Replies in order, one per call of this test; the last one repeats. */
  private void replies(ResponseDefinitionBuilder... responses) {
    LlmReplies.script(llm, run, responses);
  }

  private List<LoggedRequest> calls() {
    return LlmReplies.calls(llm, run);
  }

  private record Timed(JsonPath grade, long ms) {}

  private Timed gradeIt() {
    long start = System.nanoTime();
    JsonPath g =
        grade(
            admin, Map.of("questionId", QUESTION, "answer", answer, "candidateRef", "cand-" + run));
    return new Timed(g, (System.nanoTime() - start) / 1_000_000);
  }

  @Test
  void aSlowReplyAndItsRepairShareOneDeadline() throws Exception {
    // given a malformed reply after 3 s and a valid repair after another 3 s
    replies(
        FakeLlmServer.completion("not json").withFixedDelay(3000), valid().withFixedDelay(3000));

    // when
    JsonPath g = gradeIt().grade();

    // then the repair is cut off where the grade's 5 s end, not 5 s after it started
    assertEquals("fallback", g.getString("mode"));
    assertTrue(g.getList("flags").contains("llm-timeout"), g.getList("flags").toString());
    assertEquals(2, calls().size());
    assertEquals("grade", g.getString("provenance.llmAttempts[0].kind"));
    long first = g.getLong("provenance.llmAttempts[0].latencyMs");
    assertTrue(first >= 3000, "the slow reply took " + first + " ms");
    assertEquals("repair", g.getString("provenance.llmAttempts[1].kind"));
    long repair = g.getLong("provenance.llmAttempts[1].latencyMs");
    assertTrue(repair < 3000, "the repair got only the rest of the deadline: " + repair + " ms");
    assertTrue(g.getString("provenance.llmAttempts[1].error").startsWith("llm-timeout"));
    long llm = g.getLong("provenance.latencyMs.llm");
    assertTrue(llm <= DEADLINE_MS + 250, "LLM time " + llm + " ms within the 5 s deadline");
  }

  @Test
  void a429RetryAfterThatFitsTheDeadlineIsWaitedOut() throws Exception {
    replies(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("{}"), valid());

    Timed t = gradeIt();

    JsonPath g = t.grade();
    assertEquals("llm", g.getString("mode"));
    assertEquals(2, calls().size());
    assertTrue(t.ms() >= 1000, "waited the server's second: " + t.ms() + " ms");
    assertTrue(
        g.getString("provenance.llmAttempts[0].error")
            .startsWith("llm-rate-limited: the LLM endpoint answered 429 (Retry-After 1000 ms)"),
        g.getString("provenance.llmAttempts[0].error"));
    assertEquals(2, g.getList("provenance.llmAttempts").size());
    assertEquals(812, g.getInt("provenance.llmAttempts[1].inputTokens"));
  }

  @Test
  void a429RetryAfterBeyondTheDeadlineFailsFast() throws Exception {
    replies(aResponse().withStatus(429).withHeader("Retry-After", "9").withBody("{}"), valid());

    Timed t = gradeIt();

    JsonPath g = t.grade();
    assertEquals("fallback", g.getString("mode"));
    assertTrue(g.getList("flags").contains("llm-rate-limited"));
    assertEquals(1, calls().size());
    long llm = g.getLong("provenance.latencyMs.llm");
    assertTrue(llm < 2000, "did not sleep into the deadline: LLM time " + llm + " ms");
    assertTrue(g.getString("provenance.llmAttempts[0].error").contains("past the deadline"));
  }

  @Test
  void everyAttemptKeepsItsElapsedTime() throws Exception {
    // given a slow 500, a reset connection, then a valid reply
    replies(
        aResponse().withStatus(500).withBody("{}").withFixedDelay(300),
        aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
        valid());

    JsonPath g = gradeIt().grade();

    assertEquals("llm", g.getString("mode"));
    assertEquals(3, calls().size());
    List<Map<String, Object>> attempts = g.getList("provenance.llmAttempts");
    assertEquals(3, attempts.size());
    assertTrue(g.getLong("provenance.llmAttempts[0].latencyMs") >= 300);
    assertTrue(g.getString("provenance.llmAttempts[0].error").startsWith("llm-unavailable"));
    assertTrue(g.getString("provenance.llmAttempts[1].error").startsWith("llm-unavailable"));
    assertEquals(null, g.getString("provenance.llmAttempts[2].error"));
  }

  @Test
  void theSchemaEnumeratesTheRubricKeysAndTheShownExemplars() throws Exception {
    replies(valid());
    List<String> shown = LlmReplies.shownExemplars(admin, QUESTION, answer);

    JsonPath g = gradeIt().grade();

    assertEquals("llm", g.getString("mode"));
    JsonPath sent = new JsonPath(calls().get(0).getBodyAsString());
    String schema = "response_format.json_schema.schema";
    String criterion = schema + ".properties.criteria.items";
    String citation = criterion + ".properties.citations.items";
    assertEquals(criteria, sent.getList(criterion + ".properties.criterion.enum"));
    assertEquals("string", sent.getString(criterion + ".properties.criterion.type"));
    assertEquals(shown, sent.getList(citation + ".properties.exemplarId.anyOf[0].enum"));
    assertEquals("null", sent.getString(citation + ".properties.exemplarId.anyOf[1].type"));
    assertEquals(List.of("exemplarId", "quote"), sent.getList(citation + ".required"));
    assertEquals(false, sent.getBoolean(citation + ".additionalProperties"));
    assertEquals(
        List.of("criterion", "score", "rationale", "citations"),
        sent.getList(criterion + ".required"));
    assertEquals(1200, sent.getInt("max_tokens"));
  }

  @Test
  void thePromptIsCountedWithARealTokenizer() throws Exception {
    replies(valid());

    JsonPath g = gradeIt().grade();

    JsonPath sent = new JsonPath(calls().get(0).getBodyAsString());
    Encoding o200k = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    int expected = 3;
    List<Map<String, String>> messages = sent.getList("messages");
    for (Map<String, String> m : messages) {
      expected += 3 + o200k.countTokensOrdinary(m.get("role"));
      expected += o200k.countTokensOrdinary(m.get("content"));
    }
    assertEquals(expected, g.getInt("provenance.tokens.prompt"));
    assertEquals("o200k_base", g.getString("provenance.tokens.encoding"));
  }
}

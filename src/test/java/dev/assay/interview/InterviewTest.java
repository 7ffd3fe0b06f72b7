package dev.assay.interview;

import static dev.assay.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.support.Api;
import dev.assay.support.TestWorkspace;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Interviews and role scorecards over the built-in bank and its role profiles, with real grades of
 * gold-set answers. Expected scores are computed here from the grades and the weights in
 * src/main/resources/bank/roles.yaml, independently of the service.
 */
@QuarkusTest
class InterviewTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LLM = "llm-policy-copilot-grounding"; // nlp-llm
  private static final String EVAL = "eval-deterioration-alert-threshold"; // evaluation-metrics
  private static final String OPS = "ops-latency-incident"; // mlops-production
  private static final String DL = "dl-ticket-router-debugging"; // deep-learning
  private static final String CV = "cv-forklift-lane-detection"; // computer-vision
  private static final String RAI = "rai-applicant-ranking-bias"; // planned, never answered
  private static final Map<String, String> AREA =
      Map.of(
          LLM, "nlp-llm",
          EVAL, "evaluation-metrics",
          OPS, "mlops-production",
          DL, "deep-learning",
          CV, "computer-vision");
  private static final Map<String, Double> LLM_PRODUCT =
      Map.of(
          "ml-fundamentals", 0.05,
          "deep-learning", 0.05,
          "data-pipelines", 0.08,
          "evaluation-metrics", 0.18,
          "mlops-production", 0.17,
          "nlp-llm", 0.30,
          "responsible-ai", 0.12,
          "distributed-systems", 0.05);
  private static final Map<String, Double> RESEARCH =
      Map.of(
          "ml-fundamentals", 0.18,
          "deep-learning", 0.25,
          "data-pipelines", 0.07,
          "evaluation-metrics", 0.18,
          "mlops-production", 0.03,
          "nlp-llm", 0.10,
          "computer-vision", 0.05,
          "reinforcement-learning", 0.05,
          "responsible-ai", 0.05,
          "distributed-systems", 0.04);

  /** The admin of this class's own workspace (the five questions and the role profiles). */
  private static String admin;

  private String grader;
  private String reviewer;
  private String candidate;

  @BeforeEach
  void setUp() {
    if (admin == null) {
      admin = TestWorkspace.withBuiltInQuestions("interview", LLM, EVAL, OPS, DL, CV, RAI);
    }
    grader = Api.issueKey(admin, "grader");
    reviewer = Api.issueKey(admin, "reviewer");
    candidate = "cand-" + UUID.randomUUID();
  }

  /** The gold set's answer of that question at position {@code index}, made unique. */
  static String goldAnswer(String question, int index) {
    try {
      List<String> answers = new ArrayList<>();
      for (String line : Files.readAllLines(Path.of("eval-sets/assay-bank-gold.jsonl"))) {
        JsonNode row = JSON.readTree(line);
        if (row.get("question_id").asText().equals(question)) {
          answers.add(row.get("answer").asText());
        }
      }
      return answers.get(index) + " Reference " + UUID.randomUUID() + ".";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private String grade(String key, String question, String answer, String candidateRef) {
    return as(key)
        .contentType(ContentType.JSON)
        .body(Map.of("questionId", question, "answer", answer, "candidateRef", candidateRef))
        .post("/api/v1/grades")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private String open(String key, String role, List<String> plan) {
    Map<String, Object> body = new HashMap<>(Map.of("candidateRef", candidate, "role", role));
    if (plan != null) {
      body.put("plannedQuestions", plan);
    }
    return as(key)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/interviews")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  static JsonPath scorecard(String key, String interview) {
    return as(key)
        .get("/api/v1/interviews/{id}/scorecard", interview)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .using(
            JsonPathConfig.jsonPathConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
  }

  /** A grade's effective score on 0-100, read from its history. */
  private double effective(String gradeId) {
    JsonPath h = as(reviewer).get("/api/v1/grades/{id}/history", gradeId).jsonPath();
    double max =
        as(reviewer).get("/api/v1/grades/{id}", gradeId).jsonPath().getDouble("overall.maxScore");
    return 100 * h.getDouble("effective.overall") / max;
  }

  private static double expectedOverall(Map<String, Double> areaScores, Map<String, Double> w) {
    double sum = 0;
    double weight = 0;
    for (var e : areaScores.entrySet()) {
      double wa = w.getOrDefault(e.getKey(), 0.0);
      sum += wa * e.getValue();
      weight += wa;
    }
    return sum / weight;
  }

  private double areaScore(JsonPath card, String area) {
    return card.getDouble("areas.find { it.area == '" + area + "' }.score");
  }

  @Test
  void aScorecardWeighsAreasByTheRoleLinksItsEvidenceAndNamesTheGaps() {
    Map<String, String> grades = new LinkedHashMap<>();
    Map<String, String> answers = new HashMap<>();
    for (String q : List.of(LLM, EVAL, OPS, CV)) {
      String answer = goldAnswer(q, 1);
      answers.put(q, answer);
      grades.put(q, grade(grader, q, answer, candidate));
    }
    String second = grade(grader, LLM, goldAnswer(LLM, 5), candidate + "-other");
    String interview = open(grader, "llm-product-engineer", null);

    JsonPath card = scorecard(grader, interview);

    Map<String, Double> areaScores = new HashMap<>();
    for (String q : List.of(LLM, EVAL, OPS)) {
      double expected = effective(grades.get(q));
      assertEquals(expected, areaScore(card, AREA.get(q)), 0.051, q);
      areaScores.put(AREA.get(q), expected);
    }
    assertEquals(expectedOverall(areaScores, LLM_PRODUCT), card.getDouble("overall.score"), 0.1);
    assertEquals(0.65, card.getDouble("overall.coverage"), 1e-9);
    // Computer vision weighs nothing for this role: shown, not counted.
    assertEquals(
        "not-weighted", card.getString("areas.find { it.area == 'computer-vision' }.status"));
    assertEquals(
        List.of(
            "responsible-ai",
            "data-pipelines",
            "deep-learning",
            "distributed-systems",
            "ml-fundamentals"),
        card.getList("gaps.area"));
    assertEquals(card.getList("gaps.area"), card.getList("trust.missingAreas"));
    assertTrue(card.getString("trust.cautions[0]").contains("35% of the role's weight"));
    double low = card.getDouble("overall.interval.low");
    double high = card.getDouble("overall.interval.high");
    assertTrue(low < card.getDouble("overall.score") && card.getDouble("overall.score") < high);
    List<String> evidenceIds = card.getList("areas.evidence.flatten().gradeId");
    assertEquals(
        List.copyOf(grades.values()).stream().sorted().toList(),
        evidenceIds.stream().sorted().toList());
    assertFalse(evidenceIds.contains(second), "another candidate's grade is not evidence");
    assertEquals(
        "/api/v1/grades/" + grades.get(LLM),
        card.getString("areas.find { it.area == 'nlp-llm' }.evidence[0].link"));
    // Every quote is the candidate's own words.
    int quotes = 0;
    for (String q : List.of(LLM, EVAL, OPS, CV)) {
      List<String> cited =
          card.getList(
              "areas.evidence.flatten().find { it.questionId == '"
                  + q
                  + "' }.criteria.quotes.flatten()");
      for (String quote : cited) {
        assertTrue(answers.get(q).contains(quote), quote);
        quotes++;
      }
    }
    assertTrue(quotes > 0, "the grades cite the answers");
  }

  @Test
  void theSameAnswersUnderTwoRolesScoreAsTheWeightsSay() {
    String llm = grade(grader, LLM, goldAnswer(LLM, 0), candidate);
    String dl = grade(grader, DL, goldAnswer(DL, 0), candidate);
    // Pin the two answers far apart so the weights must show.
    override(llm, 4.0);
    override(dl, 0.0);
    String product = open(grader, "llm-product-engineer", null);
    String research = open(grader, "research-scientist", null);

    double forProduct = scorecard(grader, product).getDouble("overall.score");
    double forResearch = scorecard(grader, research).getDouble("overall.score");

    Map<String, Double> areas = Map.of("nlp-llm", 100.0, "deep-learning", 0.0);
    assertEquals(expectedOverall(areas, LLM_PRODUCT), forProduct, 0.051); // 85.7
    assertEquals(expectedOverall(areas, RESEARCH), forResearch, 0.051); // 28.6
    assertNotEquals(forProduct, forResearch);
  }

  private void override(String gradeId, double overall) {
    as(reviewer)
        .contentType(ContentType.JSON)
        .body(Map.of("overall", overall, "reasonCode", "other", "reason", "test pins the score"))
        .post("/api/v1/grades/{id}/overrides", gradeId)
        .then()
        .statusCode(201);
  }

  @Test
  void anOverrideChangesTheScorecard() {
    String llm = grade(grader, LLM, goldAnswer(LLM, 2), candidate);
    String eval = grade(grader, EVAL, goldAnswer(EVAL, 2), candidate);
    String interview = open(grader, "llm-product-engineer", null);
    JsonPath before = scorecard(reviewer, interview);
    double automated = effective(llm);
    assertEquals(automated, areaScore(before, "nlp-llm"), 0.051);

    override(llm, 0.5);

    JsonPath after = scorecard(reviewer, interview);
    assertEquals(12.5, areaScore(after, "nlp-llm"), 0.051);
    Map<String, Double> areas = Map.of("nlp-llm", 12.5, "evaluation-metrics", effective(eval));
    assertEquals(expectedOverall(areas, LLM_PRODUCT), after.getDouble("overall.score"), 0.1);
    assertNotEquals(before.getDouble("overall.score"), after.getDouble("overall.score"));
    String path = "areas.evidence.flatten().find { it.gradeId == '" + llm + "' }";
    assertEquals("override", after.getString(path + ".scoreSource"));
    assertEquals("reviewed", after.getString(path + ".review"));
    assertEquals(automated, after.getDouble(path + ".automatedScore"), 0.051);
    assertFalse(after.getList("trust.pendingReviews").contains(llm));
  }

  @Test
  void aPlanLimitsTheAnswersAndNamesTheUnansweredQuestions() {
    String llm = grade(grader, LLM, goldAnswer(LLM, 3), candidate);
    String ops = grade(grader, OPS, goldAnswer(OPS, 3), candidate);
    String older = grade(grader, EVAL, goldAnswer(EVAL, 7), candidate);
    String newer = grade(grader, EVAL, goldAnswer(EVAL, 0), candidate);
    String interview =
        open(grader, "llm-product-engineer", List.of(LLM, EVAL, "rai-applicant-ranking-bias"));

    JsonPath card = scorecard(grader, interview);

    assertEquals(List.of("rai-applicant-ranking-bias"), card.getList("unansweredPlannedQuestions"));
    assertEquals(List.of(ops), card.getList("gradesOutsidePlan"));
    assertEquals(List.of(older), card.getList("supersededGrades"));
    assertEquals(
        List.of(newer),
        card.getList("areas.find { it.area == 'evaluation-metrics' }.evidence.gradeId"));
    assertNull(card.get("areas.find { it.area == 'mlops-production' }.score"));
    assertEquals(
        List.of("rai-applicant-ranking-bias"),
        card.getList("gaps.find { it.area == 'responsible-ai' }.plannedQuestions"));
    assertTrue(card.getList("areas.evidence.flatten().gradeId").contains(llm));
  }

  @Test
  void fewerAnswersGiveAWiderInterval() {
    for (String q : List.of(LLM, EVAL, OPS, DL)) {
      grade(grader, q, goldAnswer(q, 1), candidate);
    }
    JsonPath one = scorecard(grader, open(grader, "llm-product-engineer", List.of(LLM)));
    JsonPath four =
        scorecard(grader, open(grader, "llm-product-engineer", List.of(LLM, EVAL, OPS, DL)));

    double oneWidth =
        one.getDouble("overall.interval.high") - one.getDouble("overall.interval.low");
    double fourWidth =
        four.getDouble("overall.interval.high") - four.getDouble("overall.interval.low");
    assertTrue(fourWidth < oneWidth, fourWidth + " vs " + oneWidth);
    assertEquals("low", one.getString("trust.level"));
  }

  @Test
  void candidatesForOneRoleSideBySide() {
    String first = candidate;
    override(grade(grader, LLM, goldAnswer(LLM, 0), first), 4.0);
    String a = open(grader, "llm-product-engineer", null);
    candidate = "cand-" + UUID.randomUUID();
    override(grade(grader, LLM, goldAnswer(LLM, 7), candidate), 1.0);
    String b = open(grader, "llm-product-engineer", null);
    String other = open(grader, "research-scientist", null);

    JsonPath table =
        as(reviewer)
            .queryParam("role", "llm-product-engineer")
            .queryParam("ids", b + "," + a)
            .get("/api/v1/interviews/comparison")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertEquals(List.of(a, b), table.getList("candidates.interviewId"));
    assertEquals(List.of(first, candidate), table.getList("candidates.candidateRef"));
    assertEquals(100.0, table.getDouble("candidates[0].areas.'nlp-llm'.score"), 1e-9);
    assertEquals("nlp-llm", table.getString("areas[0].area"));
    as(reviewer)
        .queryParam("role", "llm-product-engineer")
        .queryParam("ids", a + "," + other)
        .get("/api/v1/interviews/comparison")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("ids"));
  }

  @Test
  void theHtmlExportIsPrintableAndEscapesWhatItQuotes() {
    candidate = "<b>cand</b>-" + UUID.randomUUID();
    grade(grader, LLM, goldAnswer(LLM, 1), candidate);
    String interview = open(grader, "llm-product-engineer", null);
    double score = scorecard(grader, interview).getDouble("overall.score");

    String html =
        as(reviewer)
            .get("/api/v1/interviews/{id}/scorecard.html", interview)
            .then()
            .statusCode(200)
            .contentType(containsString("text/html"))
            .body(containsString("LLM product engineer"))
            .body(containsString("@media print"))
            .body(containsString("Not yet covered"))
            .body(not(containsString("<b>cand</b>")))
            .extract()
            .asString();
    assertTrue(html.contains("&lt;b&gt;cand&lt;/b&gt;"));
    assertTrue(html.contains(String.format(java.util.Locale.ROOT, "%.1f", score)));
  }

  @Test
  void requestsAreValidatedAndInterviewsStayWithTheirOwners() {
    as(admin)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "candidateRef",
                candidate,
                "role",
                "astronaut",
                "plannedQuestions",
                List.of(LLM, "no-such-question", LLM)))
        .post("/api/v1/interviews")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("role"))
        .body("errors.field", hasItem("plannedQuestions[1]"))
        .body("errors.field", hasItem("plannedQuestions[2]"));
    as(reviewer)
        .contentType(ContentType.JSON)
        .body(Map.of("candidateRef", candidate, "role", "llm-product-engineer"))
        .post("/api/v1/interviews")
        .then()
        .statusCode(403);
    String interview = open(grader, "llm-product-engineer", null);
    String otherGrader = Api.issueKey(admin, "grader");
    as(otherGrader).get("/api/v1/interviews/{id}/scorecard", interview).then().statusCode(404);
    as(otherGrader).get("/api/v1/interviews/{id}", interview).then().statusCode(404);
    as(reviewer).get("/api/v1/interviews/{id}", interview).then().statusCode(200);
    as(grader)
        .queryParam("candidateRef", candidate)
        .get("/api/v1/interviews")
        .then()
        .statusCode(200)
        .body("items.id", hasItem(interview));
    as(admin).get("/api/v1/interviews/{id}", UUID.randomUUID()).then().statusCode(404);
    as(admin).get("/api/v1/interviews/comparison").then().statusCode(400);
  }
}

package dev.assay.fairness;

import static dev.assay.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.support.Api;
import dev.assay.support.TestWorkspace;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fairness report and the bias audit over a workspace of their own, where reviewers pin every
 * answer of question Q1 to a chosen score (so the effective-basis figures are known exactly), and
 * cohort data attached by a platform key. The test profile's minimum group size is 3.
 *
 * <p>Q1 effective scores of 4: female 4 3 3 2, male 2 1 1 0, nonbinary 4 4 (a group of two:
 * suppressed), not reported 2 2 2. Q2: the four female candidates, the first overridden to 4, the
 * others as graded.
 */
@QuarkusTest
class FairnessTest {
  private static final String Q1 = "fair-q1";
  private static final String Q2 = "fair-q2";
  private static final double EPS = 1e-4;

  private static String admin;
  private static String grader;
  private static String reviewer;
  private static final List<String> FEMALE = new ArrayList<>();
  private static final List<String> FEMALE_Q1 = new ArrayList<>();
  private static final List<String> FEMALE_Q2 = new ArrayList<>();
  private static final List<String> MALE_Q1 = new ArrayList<>();

  @BeforeEach
  void fixture() {
    if (admin != null) {
      return;
    }
    String key = TestWorkspace.withQuestions("fairness", Q1, Q2);
    grader = Api.issueKey(key, "grader");
    reviewer = Api.issueKey(key, "reviewer");
    double[] female = {4, 3, 3, 2};
    String[] femaleRace = {"x", "x", "y", "y"};
    for (int i = 0; i < 4; i++) {
      String c = candidate("female", femaleRace[i]);
      FEMALE.add(c);
      String g = TestWorkspace.grade(grader, Q1, c);
      TestWorkspace.override(reviewer, g, female[i]);
      FEMALE_Q1.add(g);
      FEMALE_Q2.add(TestWorkspace.grade(grader, Q2, c));
    }
    TestWorkspace.override(reviewer, FEMALE_Q2.get(0), 4);
    double[] male = {2, 1, 1, 0};
    String[] maleRace = {"x", "y", "y", "y"};
    for (int i = 0; i < 4; i++) {
      String g = TestWorkspace.grade(grader, Q1, candidate("male", maleRace[i]));
      TestWorkspace.override(reviewer, g, male[i]);
      MALE_Q1.add(g);
    }
    for (String race : List.of("x", "y")) {
      TestWorkspace.override(
          reviewer, TestWorkspace.grade(grader, Q1, candidate("nonbinary", race)), 4);
    }
    for (int i = 0; i < 3; i++) {
      TestWorkspace.override(reviewer, TestWorkspace.grade(grader, Q1, candidate(null, null)), 2);
    }
    admin = key;
  }

  /** A new candidate; with a sex, its cohort attributes are attached by the platform's key. */
  private static String candidate(String sex, String race) {
    String ref = "fc-" + UUID.randomUUID();
    if (sex != null) {
      as(grader)
          .contentType(ContentType.JSON)
          .body(Map.of("attributes", Map.of("sex", sex, "race-ethnicity", race)))
          .put("/api/v1/candidates/{ref}/cohort", ref)
          .then()
          .statusCode(204);
    }
    return ref;
  }

  private static JsonPath report(Map<String, ?> params) {
    return as(admin)
        .queryParams(params)
        .get("/api/v1/fairness")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .using(
            JsonPathConfig.jsonPathConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
  }

  private static String group(String section, String value) {
    return section + ".groups.find { it.value == '" + value + "' }";
  }

  private static double automatedShare(String gradeId) {
    JsonPath g = as(admin).get("/api/v1/grades/{id}", gradeId).jsonPath();
    return g.getDouble("overall.score") / g.getDouble("overall.maxScore");
  }

  @Test
  void perQuestionFiguresByCohortOnEffectiveScores() {
    JsonPath r = report(Map.of("attribute", "sex", "basis", "effective"));
    String q1 = "questions.find { it.scope == '" + Q1 + "' }";

    assertEquals(13, r.getInt(q1 + ".n"));
    assertEquals("female", r.getString(q1 + ".reference"));
    String female = group(q1, "female");
    String male = group(q1, "male");
    assertEquals(4, r.getInt(female + ".n"));
    assertEquals(0.75, r.getDouble(female + ".distribution.mean"), EPS);
    assertEquals(1.0, r.getDouble(female + ".selectionRate"), EPS);
    assertEquals(1.0, r.getDouble(female + ".impactRatio"), EPS);
    assertFalse(r.getBoolean(female + ".belowFourFifths"));
    assertNull(r.get(female + ".smd"));
    assertEquals(0.25, r.getDouble(male + ".selectionRate"), EPS);
    assertEquals(0.25, r.getDouble(male + ".impactRatio"), EPS);
    assertTrue(r.getBoolean(male + ".belowFourFifths"));
    // (0.25 - 0.75) / sqrt(0.03125); Hedges-Olkin SE = sqrt(8/16 + 8/16) = 1.
    assertEquals(-2.8284, r.getDouble(male + ".smd.value"), EPS);
    assertEquals(-2.8284 - 1.96, r.getDouble(male + ".smd.low"), 1e-3);
    assertEquals(-2.8284 + 1.96, r.getDouble(male + ".smd.high"), 1e-3);
    assertEquals(
        List.of(1, 2, 1, 0, 0),
        r.getList(male + ".distribution.histogram", Number.class).stream()
            .map(Number::intValue)
            .toList());
    assertEquals(0.25, r.getDouble(male + ".distribution.median"), EPS);
    assertTrue(r.getBoolean(group(q1, "nonbinary") + ".suppressed"));
    assertNull(r.get(group(q1, "nonbinary") + ".n"));
    assertNull(r.get(group(q1, "nonbinary") + ".distribution"));
    String unknown = group(q1, "(not reported)");
    assertEquals(3, r.getInt(unknown + ".n"));
    assertNull(r.get(unknown + ".impactRatio"));
    // Every Q1 answer was overridden; the grader's own scores against the reviewers' ones.
    assertEquals(1.0, r.getDouble(female + ".overrideRate"), EPS);
    double automated =
        FEMALE_Q1.stream().mapToDouble(FairnessTest::automatedShare).average().orElseThrow();
    assertEquals(4, r.getInt(female + ".humanAgreement.reviewed"));
    assertEquals(automated, r.getDouble(female + ".humanAgreement.meanAutomated"), EPS);
    assertEquals(0.75, r.getDouble(female + ".humanAgreement.meanHuman"), EPS);
    assertEquals(automated - 0.75, r.getDouble(female + ".humanAgreement.meanDifference"), EPS);

    String q2 = "questions.find { it.scope == '" + Q2 + "' }";
    assertEquals(0.25, r.getDouble(group(q2, "female") + ".overrideRate"), EPS);
    assertEquals(1, r.getInt(group(q2, "female") + ".humanAgreement.reviewed"));
  }

  @Test
  void overallFiguresHaveOneScorePerCandidate() {
    JsonPath r = report(Map.of("attribute", "sex", "basis", "effective"));

    assertEquals("candidate", r.getString("overall.unit"));
    assertEquals(13, r.getInt("overall.n"));
    double[] q1 = {1.0, 0.75, 0.75, 0.5};
    double expected = 0;
    for (int i = 0; i < 4; i++) {
      double q2 = i == 0 ? 1.0 : automatedShare(FEMALE_Q2.get(i));
      expected += (q1[i] + q2) / 2 / 4;
    }
    assertEquals(expected, r.getDouble(group("overall", "female") + ".distribution.mean"), EPS);
    assertEquals(0.625, r.getDouble(group("overall", "female") + ".overrideRate"), EPS);
    assertEquals(0.25, r.getDouble(group("overall", "male") + ".distribution.mean"), EPS);
  }

  @Test
  void theAutomatedBasisReadsTheGradersOwnScores() {
    JsonPath r = report(Map.of("attribute", "sex"));
    assertEquals("automated", r.getString("basis"));
    double expected =
        MALE_Q1.stream().mapToDouble(FairnessTest::automatedShare).average().orElseThrow();
    assertEquals(
        expected,
        r.getDouble(
            group("questions.find { it.scope == '" + Q1 + "' }", "male") + ".distribution.mean"),
        EPS);
  }

  @Test
  void theAuditSummaryHasRatesAndImpactRatiosPerCategoryAndIntersection() {
    JsonPath a =
        as(admin)
            .queryParams(
                Map.of("attributes", "sex,race-ethnicity", "basis", "effective", "questionId", Q1))
            .get("/api/v1/fairness/audit")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .using(
                JsonPathConfig.jsonPathConfig()
                    .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));

    assertEquals(13, a.getInt("candidates"));
    assertEquals(0.5, a.getDouble("medianScore"), EPS);
    String sex = "tables.find { it.categoryType == 'sex' }";
    assertEquals(3, a.getInt(sex + ".notReported"));
    String female = sex + ".rows.find { it.category == 'female' }";
    String male = sex + ".rows.find { it.category == 'male' }";
    assertEquals(4, a.getInt(female + ".candidates"));
    assertEquals(1.0, a.getDouble(female + ".selectionRate"), EPS);
    assertEquals(0.75, a.getDouble(female + ".scoringRate"), EPS);
    assertEquals(1.0, a.getDouble(female + ".scoringImpactRatio"), EPS);
    assertEquals(0.25, a.getDouble(male + ".selectionImpactRatio"), EPS);
    assertEquals(0.0, a.getDouble(male + ".scoringImpactRatio"), EPS);
    String nonbinary = sex + ".rows.find { it.category == 'nonbinary' }";
    assertEquals(2, a.getInt(nonbinary + ".candidates"));
    assertEquals("fewer than 3 candidates", a.getString(nonbinary + ".excluded"));
    assertNull(a.get(nonbinary + ".selectionRate"));
    String race = "tables.find { it.categoryType == 'race-ethnicity' }";
    assertEquals(4, a.getInt(race + ".rows.find { it.category == 'x' }.candidates"));
    assertEquals(6, a.getInt(race + ".rows.find { it.category == 'y' }.candidates"));
    String both = "tables.find { it.categoryType == 'sex x race-ethnicity' }";
    assertEquals(3, a.getInt(both + ".rows.find { it.category == 'male x y' }.candidates"));
    assertEquals(
        "fewer than 3 candidates",
        a.getString(both + ".rows.find { it.category == 'female x x' }.excluded"));

    String csv =
        as(admin)
            .queryParams(
                Map.of(
                    "attributes", "sex", "basis", "effective", "questionId", Q1, "format", "csv"))
            .get("/api/v1/fairness/audit")
            .then()
            .statusCode(200)
            .contentType(startsWith("text/csv"))
            .extract()
            .asString();
    assertTrue(csv.startsWith(String.join(",", BiasAudit.CSV_COLUMNS) + "\n"), csv);
    assertTrue(csv.contains("\nsex,female,4,1.0000,1.0000,0.7500,1.0000,\n"), csv);
    assertTrue(csv.contains("\nsex,nonbinary,2,,,,,fewer than 3 candidates\n"), csv);
  }

  @Test
  void cohortDataIsWrittenByThePlatformReadByAdminsOnlyAndDeletable() {
    String ref = candidate("female", "x");
    as(grader).get("/api/v1/candidates/{ref}/cohort", ref).then().statusCode(403);
    as(reviewer).get("/api/v1/candidates/{ref}/cohort", ref).then().statusCode(403);
    as(reviewer)
        .contentType(ContentType.JSON)
        .body(Map.of("attributes", Map.of("sex", "male")))
        .put("/api/v1/candidates/{ref}/cohort", ref)
        .then()
        .statusCode(403);
    as(admin)
        .get("/api/v1/candidates/{ref}/cohort", ref)
        .then()
        .statusCode(200)
        .body("attributes.sex", equalTo("female"))
        .body("attributes.'race-ethnicity'", equalTo("x"));
    as(grader)
        .contentType(ContentType.JSON)
        .body(Map.of("attributes", Map.of("Sex!", "female")))
        .put("/api/v1/candidates/{ref}/cohort", ref)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("attributes.Sex!"));

    as(grader).delete("/api/v1/candidates/{ref}/cohort", ref).then().statusCode(204);

    as(admin).get("/api/v1/candidates/{ref}/cohort", ref).then().statusCode(404);
    as(grader).delete("/api/v1/candidates/{ref}/cohort", ref).then().statusCode(204);
  }

  @Test
  void onlyAdminsReadTheReportAndItsParametersAreChecked() {
    as(reviewer).queryParam("attribute", "sex").get("/api/v1/fairness").then().statusCode(403);
    as(grader).queryParam("attribute", "sex").get("/api/v1/fairness").then().statusCode(403);
    as(admin)
        .get("/api/v1/fairness")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("attribute"));
    as(admin)
        .queryParams(Map.of("attribute", "sex", "minGroupSize", 2))
        .get("/api/v1/fairness")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("minGroupSize"));
    as(admin)
        .queryParams(Map.of("attribute", "sex", "passMark", 1.5))
        .get("/api/v1/fairness")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("passMark"));
    as(admin)
        .queryParams(Map.of("attribute", "sex", "basis", "vibes"))
        .get("/api/v1/fairness")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("basis"));
    as(admin)
        .get("/api/v1/cohorts")
        .then()
        .statusCode(200)
        .body("find { it.attribute == 'sex' }.candidatesPerValue.male", equalTo(4));
  }
}

package dev.assay.review;

import static dev.assay.support.Api.as;
import static dev.assay.support.Api.grade;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.evaluation.EvalRow;
import dev.assay.evaluation.EvalSet;
import dev.assay.support.Api;
import dev.assay.support.TestWorkspace;
import dev.assay.support.Words;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FeedbackTest {
  private static final String QUESTION = "eval-deterioration-alert-threshold";

  /**
   * The admin of this class's own workspace with the whole built-in bank (the sweep grades every
   * built-in question): its settings and grades are this class's.
   */
  private static String admin;

  @BeforeEach
  void workspace() {
    if (admin == null) {
      admin = TestWorkspace.withBuiltInQuestions("feedback");
    }
  }

  /** Grades {@code answer} to {@link #QUESTION} as {@code key}; returns the grade's id. */
  private static String gradeId(String key, String answer) {
    return grade(key, QUESTION, answer).getString("id");
  }

  /** Every 8-word run of the exemplars, computed here independently of the service. */
  private static Set<String> exemplarRuns() {
    Set<String> runs = new HashSet<>();
    for (String text :
        as(admin)
            .queryParam("includeInactive", true)
            .get("/api/v1/questions/{id}/exemplars", QUESTION)
            .jsonPath()
            .getList("text", String.class)) {
      runs.addAll(Words.runs(text, 8));
    }
    return runs;
  }

  private static io.restassured.response.ValidatableResponse putSettings(
      String key, Map<String, Object> settings) {
    return as(key).contentType(ContentType.JSON).body(settings).put("/api/v1/settings").then();
  }

  @Test
  void feedbackNeverCarriesAnEightWordRunFromTheExemplars() {
    String grader = Api.issueKey(admin, "grader");
    List<String> exemplars =
        as(admin)
            .get("/api/v1/questions/{id}/exemplars", QUESTION)
            .jsonPath()
            .getList("text", String.class);
    List<String> answers =
        List.of(
            exemplars.get(0) + " " + UUID.randomUUID(),
            exemplars.get(exemplars.size() - 1) + " " + UUID.randomUUID(),
            "Accuracy hides the rare class, so I would launch on recall at the nurses' alert capacity. "
                + UUID.randomUUID(),
            "Use F1. " + UUID.randomUUID());
    Set<String> runs = exemplarRuns();
    int withheld = 0;
    for (String answer : answers) {
      JsonPath f =
          as(grader)
              .get("/api/v1/grades/{id}/feedback", gradeId(grader, answer))
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      withheld += f.getInt("withheld");
      List<String> sentences = new ArrayList<>();
      for (Map<String, Object> c : f.<Map<String, Object>>getList("criteria")) {
        for (String part : List.of("strengths", "gaps", "nextSteps")) {
          sentences.addAll((List<String>) c.get(part));
        }
      }
      // A copy of a strong exemplar earns full marks: its only sentences quote it, and are
      // withheld.
      assertTrue(!sentences.isEmpty() || f.getInt("withheld") > 0, f.prettify());
      for (String sentence : sentences) {
        for (String run : Words.runs(sentence, 8)) {
          assertTrue(!runs.contains(run), "feedback leaks \"" + run + "\"");
        }
      }
    }
    assertTrue(withheld > 0, "quoting a near-copy of an exemplar must be withheld");
  }

  @Test
  void scoresAppearOnlyWhenTheWorkspaceSaysSo() {
    String id =
        gradeId(
            admin,
            "Launch on recall at alert capacity, threshold from later data. " + UUID.randomUUID());
    putSettings(admin, Map.of("feedbackShowsScores", false)).statusCode(200);
    as(admin)
        .get("/api/v1/grades/{id}/feedback", id)
        .then()
        .statusCode(200)
        .body("overallPercent", nullValue())
        .body("criteria.score", everyItem(nullValue()));
    putSettings(admin, Map.of("feedbackShowsScores", true)).statusCode(200);
    as(admin)
        .get("/api/v1/grades/{id}/feedback", id)
        .then()
        .body("overallPercent", notNullValue())
        .body("criteria.score", everyItem(notNullValue()));
    putSettings(admin, Map.of("feedbackShowsScores", false)).statusCode(200);
  }

  @Test
  void feedbackFollowsOverridesAndStaysWithItsGrader() {
    String grader = Api.issueKey(admin, "grader");
    String other = Api.issueKey(admin, "grader");
    String id = gradeId(grader, "Use F1 as the metric. " + UUID.randomUUID());
    as(other).get("/api/v1/grades/{id}/feedback", id).then().statusCode(404);
    JsonPath before =
        as(grader)
            .get("/api/v1/grades/{id}/feedback", id)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertTrue(!before.getList("criteria[0].nextSteps").isEmpty());
    as(admin)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "overall",
                4,
                "criteria",
                Map.of(before.getString("criteria[0].criterion"), 4),
                "reasonCode",
                "too-harsh"))
        .post("/api/v1/grades/{id}/overrides", id)
        .then()
        .statusCode(201);
    JsonPath after = as(grader).get("/api/v1/grades/{id}/feedback", id).then().extract().jsonPath();
    assertTrue(after.getList("criteria[0].nextSteps").isEmpty(), after.prettify());
  }

  /** Every sentence of a feedback response, with the criterion it belongs to. */
  private record Sentence(String criterion, String part, String text) {}

  private static List<Sentence> sentences(JsonPath feedback) {
    List<Sentence> out = new ArrayList<>();
    for (Map<String, Object> c : feedback.<Map<String, Object>>getList("criteria")) {
      for (String part : List.of("strengths", "gaps", "nextSteps")) {
        for (Object text : (List<?>) c.get(part)) {
          out.add(new Sentence((String) c.get("criterion"), part, (String) text));
        }
      }
    }
    return out;
  }

  private static JsonPath feedback(String key, String gradeId) {
    return as(key)
        .get("/api/v1/grades/{id}/feedback", gradeId)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** The criteria of a question's active rubric, by key, as the question API shows them. */
  private static Map<String, Map<String, Object>> criteria(String key, String question) {
    Map<String, Map<String, Object>> out = new java.util.LinkedHashMap<>();
    for (Map<String, Object> c :
        as(key)
            .get("/api/v1/questions/{id}", question)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .<Map<String, Object>>getList("rubric.criteria")) {
      out.put((String) c.get("key"), c);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static String descriptor(Map<String, Object> criterion, String level) {
    return ((Map<String, String>) criterion.get("levels")).get(level);
  }

  private static String topic(Map<String, Object> criterion) {
    String d = ((String) criterion.get("description")).strip();
    d = d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    return Character.toLowerCase(d.charAt(0)) + d.substring(1);
  }

  /** The text between the curly quotes of a strength. */
  private static String quoted(String strength) {
    int open = strength.indexOf('\u201c');
    int close = strength.lastIndexOf('\u201d');
    assertTrue(open >= 0 && close > open, "a strength quotes the candidate: " + strength);
    return strength.substring(open + 1, close);
  }

  @Test
  void anUnaddressedCriterionIsSaidToBeUnaddressedAndGetsItsHint() {
    String grader = Api.issueKey(admin, "grader");
    String id = gradeId(grader, "   ");
    Map<String, Map<String, Object>> rubric = criteria(grader, QUESTION);
    JsonPath f = feedback(grader, id);

    List<Map<String, Object>> criteria = f.getList("criteria");
    assertEquals(List.copyOf(rubric.keySet()), f.getList("criteria.criterion"));
    for (Map<String, Object> c : criteria) {
      Map<String, Object> spec = rubric.get((String) c.get("criterion"));
      assertEquals(List.of(), c.get("strengths"), c.toString());
      assertEquals(
          List.of("Your answer did not address this criterion: " + topic(spec) + "."),
          c.get("gaps"));
      assertEquals(List.of(spec.get("hint")), c.get("nextSteps"));
    }

    // A reviewer raises one criterion to 3 of 4: not unaddressed any more, but with nothing the
    // grader cited there is still no strength to show.
    String first = (String) criteria.get(0).get("criterion");
    as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("criteria", Map.of(first, 3), "reasonCode", "too-harsh"))
        .post("/api/v1/grades/{id}/overrides", id)
        .then()
        .statusCode(201);
    JsonPath after = feedback(grader, id);
    assertEquals(List.of(), after.getList("criteria[0].strengths"));
    assertEquals(
        List.of("Where your answer stands now: partly addressed, with room to go further."),
        after.getList("criteria[0].gaps"));
  }

  /** One graded answer per built-in question (the gold set's median answer), graded once. */
  private record Graded(String question, String answer, String gradeId, JsonPath feedback) {}

  private static List<Graded> builtInSweep;

  private static synchronized List<Graded> builtInSweep() {
    if (builtInSweep == null) {
      String grader = Api.issueKey(admin, "grader");
      Map<String, List<EvalRow>> byQuestion = new java.util.TreeMap<>();
      for (EvalRow row : EvalSet.readResource("eval-sets/assay-bank-gold.jsonl")) {
        byQuestion.computeIfAbsent(row.questionId(), k -> new ArrayList<>()).add(row);
      }
      List<Graded> out = new ArrayList<>();
      for (Map.Entry<String, List<EvalRow>> e : byQuestion.entrySet()) {
        List<EvalRow> rows = new ArrayList<>(e.getValue());
        rows.sort(java.util.Comparator.comparingDouble(EvalRow::score));
        String answer = rows.get(rows.size() / 2).answer() + " " + UUID.randomUUID();
        String id =
            grade(grader, Map.of("questionId", e.getKey(), "answer", answer)).getString("id");
        out.add(new Graded(e.getKey(), answer, id, feedback(grader, id)));
      }
      builtInSweep = out;
    }
    return builtInSweep;
  }

  @Test
  void noFeedbackOnAnyBuiltInQuestionQuotesALevelDescriptorByDefault() {
    as(admin)
        .get("/api/v1/settings")
        .then()
        .statusCode(200)
        .body("feedbackQuotesDescriptors", org.hamcrest.Matchers.equalTo(false));
    List<Graded> sweep = builtInSweep();
    assertEquals(23, sweep.size(), "one answer per built-in question");
    int nextSteps = 0;
    for (Graded g : sweep) {
      Map<String, Map<String, Object>> rubric = criteria(admin, g.question());
      for (Sentence s : sentences(g.feedback())) {
        String text = s.text().toLowerCase(Locale.ROOT);
        for (Map<String, Object> c : rubric.values()) {
          String strong = descriptor(c, "strong");
          for (String level : List.of("strong", "acceptable", "weak")) {
            String d = descriptor(c, level).strip().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
            assertFalse(text.contains(d), g.question() + ": " + level + " descriptor in " + s);
          }
          Set<String> shared = new HashSet<>(Words.runs(s.text(), 8));
          shared.retainAll(Words.runs(strong, 8));
          assertEquals(Set.of(), shared, g.question() + ": " + s);
        }
        if (s.part().equals("nextSteps")) {
          nextSteps++;
          assertEquals(rubric.get(s.criterion()).get("hint"), s.text());
        }
      }
    }
    assertTrue(nextSteps > 0, "the sweep produced next steps to check");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aStrengthNeedsTheAcceptableLevelAndTheCandidatesOwnWordsCitedForThatCriterion() {
    int strengths = 0;
    for (Graded g : builtInSweep()) {
      JsonPath grade = as(admin).get("/api/v1/grades/{id}", g.gradeId()).jsonPath();
      Map<String, Number> effective =
          as(admin)
              .get("/api/v1/grades/{id}/history", g.gradeId())
              .jsonPath()
              .getMap("effective.criteria");
      Map<String, Map<String, Object>> rubric = criteria(admin, g.question());
      for (Map<String, Object> c : g.feedback().<Map<String, Object>>getList("criteria")) {
        String key = (String) c.get("criterion");
        List<String> evidence = new ArrayList<>();
        for (Map<String, Object> graded : grade.<Map<String, Object>>getList("criteria")) {
          if (key.equals(graded.get("criterion"))) {
            for (Map<String, Object> cite : (List<Map<String, Object>>) graded.get("citations")) {
              if (cite.get("exemplarId") == null) {
                evidence.add(((String) cite.get("quote")).strip().replaceAll("\\s+", " "));
              }
            }
          }
        }
        double score = effective.get(key).doubleValue();
        for (String strength : (List<String>) c.get("strengths")) {
          strengths++;
          assertTrue(score >= 2, key + " scored " + score + " yet lists " + strength);
          String quote = quoted(strength);
          assertTrue(evidence.contains(quote), quote + " is not evidence cited for " + key);
          assertTrue(g.answer().replaceAll("\\s+", " ").contains(quote), "the candidate wrote it");
          assertTrue(strength.contains(topic(rubric.get(key))), "names the criterion: " + strength);
        }
      }
    }
    assertTrue(strengths > 0, "the sweep produced strengths to check");
  }

  @Test
  void aStrengthGoesWhenAReviewerLowersItsCriterionBelowTheAcceptableLevel() {
    Graded withStrength =
        builtInSweep().stream()
            .filter(g -> !g.feedback().getList("criteria.strengths.flatten()").isEmpty())
            .findFirst()
            .orElseThrow();
    String criterion =
        withStrength.feedback().<Map<String, Object>>getList("criteria").stream()
            .filter(c -> !((List<?>) c.get("strengths")).isEmpty())
            .map(c -> (String) c.get("criterion"))
            .findFirst()
            .orElseThrow();
    // The same answer again is a grade of its own (with the same verdict), so the sweep's grades
    // stay as other tests read them.
    String id =
        grade(admin, Map.of("questionId", withStrength.question(), "answer", withStrength.answer()))
            .getString("id");
    assertEquals(
        withStrength.feedback().getList("criteria.strengths"),
        feedback(admin, id).getList("criteria.strengths"));
    as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("criteria", Map.of(criterion, 1), "reasonCode", "too-lenient"))
        .post("/api/v1/grades/{id}/overrides", id)
        .then()
        .statusCode(201);
    JsonPath after = feedback(admin, id);
    Map<String, Object> c =
        after.<Map<String, Object>>getList("criteria").stream()
            .filter(x -> criterion.equals(x.get("criterion")))
            .findFirst()
            .orElseThrow();
    assertEquals(List.of(), c.get("strengths"));
    assertEquals(
        List.of("Where your answer stands now: touched on, but not yet addressed."), c.get("gaps"));
  }

  @Test
  void withTheWorkspaceSettingOnFeedbackMayQuoteTheDescriptors() {
    String own = TestWorkspace.withBuiltInQuestions("fb", QUESTION);
    as(own)
        .get("/api/v1/settings")
        .then()
        .statusCode(200)
        .body("feedbackShowsScores", org.hamcrest.Matchers.equalTo(false))
        .body("feedbackQuotesDescriptors", org.hamcrest.Matchers.equalTo(false));
    String id = gradeId(own, "");
    Map<String, Map<String, Object>> rubric = criteria(own, QUESTION);
    JsonPath off = feedback(own, id);
    assertTrue(
        sentences(off).stream()
            .noneMatch(
                s ->
                    rubric.values().stream()
                        .anyMatch(c -> s.text().contains(descriptor(c, "strong")))));

    // Only the named setting changes.
    putSettings(own, Map.of("feedbackQuotesDescriptors", true))
        .statusCode(200)
        .body("feedbackShowsScores", org.hamcrest.Matchers.equalTo(false))
        .body("feedbackQuotesDescriptors", org.hamcrest.Matchers.equalTo(true));
    JsonPath on = feedback(own, id);
    for (Map<String, Object> c : on.<Map<String, Object>>getList("criteria")) {
      Map<String, Object> spec = rubric.get((String) c.get("criterion"));
      assertEquals(
          List.of(
              spec.get("hint"),
              "What a strong answer does here: " + descriptor(spec, "strong").strip()),
          c.get("nextSteps"));
    }
    assertEquals(0, on.getInt("withheld"));

    putSettings(own, Map.of()).statusCode(400).contentType("application/problem+json");
    putSettings(own, Map.of("feedbackShowsScores", true))
        .statusCode(200)
        .body("feedbackShowsScores", org.hamcrest.Matchers.equalTo(true))
        .body("feedbackQuotesDescriptors", org.hamcrest.Matchers.equalTo(true));
  }
}

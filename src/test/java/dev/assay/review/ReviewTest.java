package dev.assay.review;

import static dev.assay.support.Api.as;
import static dev.assay.support.Api.grade;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.support.Api;
import dev.assay.support.TestWorkspace;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReviewTest {
  private static final String QUESTION = "eval-deterioration-alert-threshold";

  /** The admin of this class's own workspace, so the review queue holds only its grades. */
  private static String admin;

  private String reviewer;
  private String reviewer2;
  private String grader;

  @BeforeEach
  void keys() {
    if (admin == null) {
      admin = TestWorkspace.withBuiltInQuestions("review", QUESTION);
    }
    reviewer = Api.issueKey(admin, "reviewer");
    reviewer2 = Api.issueKey(admin, "reviewer");
    grader = Api.issueKey(admin, "grader");
  }

  private static String unique(String text) {
    return text + " (" + UUID.randomUUID() + ")";
  }

  @Test
  void overrideKeepsTheOriginalGradeAndChangesTheEffectiveScore() {
    JsonPath g =
        grade(
            grader,
            QUESTION,
            unique(
                "Accuracy is misleading at a four percent base rate: predicting that nobody"
                    + " deteriorates already scores 96%, and a missed patient costs far more than"
                    + " a check. I would launch on recall at the alert capacity, the share of"
                    + " deteriorating patients caught within the 30 alerts per shift, with"
                    + " precision at that threshold alongside. I would pick the threshold on"
                    + " later, held-out shifts so that about 30 alerts fire per shift, and tell"
                    + " the clinical lead how many deteriorating patients we expect to catch and"
                    + " how many checks the nurses will make for each one caught."));
    String id = g.getString("id");
    double automated = g.getDouble("overall.score");
    // The criterion the grade credits most, so overriding it to 0 must lower the overall score.
    String criterion = g.getString("criteria.max { it.score }.criterion");
    assertTrue(g.getDouble("criteria.max { it.score }.score") > 0, g.prettify());

    JsonPath h =
        as(reviewer)
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "criteria",
                    Map.of(criterion, 0.0),
                    "reasonCode",
                    "too-lenient",
                    "reason",
                    "misses the threshold method"))
            .post("/api/v1/grades/{id}/overrides", id)
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();

    assertEquals("override", h.getString("effective.source"));
    assertEquals(0.0, h.getDouble("effective.criteria." + criterion));
    assertTrue(h.getDouble("effective.overall") < automated);
    assertEquals(automated, h.getDouble("automated.overall"), 1e-9);
    assertEquals(List.of("graded", "overridden"), h.getList("events.kind"));
    assertEquals("too-lenient", h.getString("events[1].reasonCode"));
    assertTrue(h.getString("events[1].actorKey") != null && h.getString("events[1].at") != null);
    as(admin)
        .get("/api/v1/grades/{id}", id)
        .then()
        .statusCode(200)
        .body("overall.score", equalTo((float) automated));

    as(reviewer)
        .contentType(ContentType.JSON)
        .body(Map.of("overall", 2.5, "reasonCode", "other"))
        .post("/api/v1/grades/{id}/overrides", id)
        .then()
        .statusCode(201)
        .body("effective.overall", equalTo(2.5f))
        .body("events.kind", equalTo(List.of("graded", "overridden", "overridden")));
  }

  @Test
  void overridesAreValidated() {
    String id =
        grade(
                grader,
                QUESTION,
                unique("Launch on recall at capacity, validated on a later period."))
            .getString("id");
    as(reviewer)
        .contentType(ContentType.JSON)
        .body(Map.of("overall", 2, "reasonCode", "because"))
        .post("/api/v1/grades/{id}/overrides", id)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("reasonCode"));
    as(reviewer)
        .contentType(ContentType.JSON)
        .body(Map.of("overall", 9, "reasonCode", "other"))
        .post("/api/v1/grades/{id}/overrides", id)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("overall"));
    as(reviewer)
        .contentType(ContentType.JSON)
        .body(Map.of("criteria", Map.of("nope", 1), "reasonCode", "other"))
        .post("/api/v1/grades/{id}/overrides", id)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("criteria.nope"));
    as(reviewer)
        .contentType(ContentType.JSON)
        .body(Map.of("reasonCode", "other"))
        .post("/api/v1/grades/{id}/overrides", id)
        .then()
        .statusCode(400);
    as(grader)
        .contentType(ContentType.JSON)
        .body(Map.of("overall", 2, "reasonCode", "other"))
        .post("/api/v1/grades/{id}/overrides", id)
        .then()
        .statusCode(403);
    as(reviewer)
        .contentType(ContentType.JSON)
        .body(Map.of("overall", 2, "reasonCode", "other"))
        .post("/api/v1/grades/{id}/overrides", UUID.randomUUID())
        .then()
        .statusCode(404);
  }

  @Test
  void flaggedGradesQueueUntilReviewed() {
    String flagged = grade(grader, QUESTION, unique("Use recall.")).getString("id");
    List<Map<String, Object>> queue =
        as(reviewer)
            .queryParam("size", 200)
            .get("/api/v1/review-queue")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    Map<String, Object> item =
        queue.stream().filter(i -> flagged.equals(i.get("gradeId"))).findFirst().orElseThrow();
    assertTrue(((List<?>) item.get("reasons")).contains("flagged"), item.toString());

    as(reviewer)
        .contentType(ContentType.JSON)
        .body(Map.of("reason", "short but right"))
        .post("/api/v1/grades/{id}/confirmations", flagged)
        .then()
        .statusCode(201)
        .body("effective.source", equalTo("automated"));
    as(reviewer)
        .queryParam("size", 200)
        .get("/api/v1/review-queue")
        .then()
        .body("gradeId", not(hasItem(flagged)));
  }

  @Test
  void twoConcurrentReviewersCannotClaimTheSameGrade() throws Exception {
    String id = grade(grader, QUESTION, unique("Use recall only.")).getString("id");
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<Integer>> results = new ArrayList<>();
    for (String key : List.of(reviewer, reviewer2)) {
      Callable<Integer> claim =
          () -> {
            start.await();
            return as(key).post("/api/v1/review-queue/{id}/claim", id).statusCode();
          };
      results.add(pool.submit(claim));
    }
    start.countDown();
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> f : results) {
      statuses.add(f.get());
    }
    pool.shutdown();
    statuses.sort(Integer::compare);
    assertEquals(List.of(200, 409), statuses);

    String holder =
        as(reviewer).post("/api/v1/review-queue/{id}/claim", id).statusCode() == 200
            ? reviewer
            : reviewer2;
    String other = holder.equals(reviewer) ? reviewer2 : reviewer;
    as(other)
        .contentType(ContentType.JSON)
        .body(Map.of("overall", 1, "reasonCode", "other"))
        .post("/api/v1/grades/{id}/overrides", id)
        .then()
        .statusCode(409);
    as(holder)
        .queryParam("size", 200)
        .get("/api/v1/review-queue")
        .then()
        .body(
            "find { it.gradeId == '" + id + "' }.claimedBy", org.hamcrest.Matchers.notNullValue());
    as(holder).post("/api/v1/review-queue/{id}/release", id).then().statusCode(204);
    as(other).post("/api/v1/review-queue/{id}/claim", id).then().statusCode(200);
  }
}

package dev.assay.review;

import static dev.assay.support.Api.as;
import static dev.assay.support.Api.grade;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.support.TestWorkspace;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ExportTest {
  private static final String QUESTION = "mlf-fraud-model-choice";

  /** The admin of this class's own workspace, so an export holds only this class's grades. */
  private static String admin;

  @BeforeEach
  void workspace() {
    if (admin == null) {
      admin = TestWorkspace.withBuiltInQuestions("export", QUESTION);
    }
  }

  @Test
  void csvAndJsonLinesCarryScoresOverridesReasonsAndProvenance() {
    String id =
        grade(
                admin,
                Map.of(
                    "questionId",
                    QUESTION,
                    "answer",
                    "Gradient boosting with class weights, \"calibrated\", checked on later months. "
                        + UUID.randomUUID()))
            .getString("id");
    as(admin)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "overall",
                1.5,
                "reasonCode",
                "too-lenient",
                "reason",
                "no, \"really\", too lenient"))
        .post("/api/v1/grades/{id}/overrides", id)
        .then()
        .statusCode(201);

    String csv =
        as(admin)
            .queryParam("questionId", QUESTION)
            .get("/api/v1/exports/grades")
            .then()
            .statusCode(200)
            .contentType("text/csv")
            .extract()
            .asString();
    List<String> lines = csv.lines().toList();
    assertEquals(String.join(",", ExportService.CSV_COLUMNS), lines.get(0));
    String row = lines.stream().filter(l -> l.startsWith(id)).findFirst().orElseThrow();
    assertTrue(
        row.contains(",1.5,override,1,0,too-lenient,\"no, \"\"really\"\", too lenient\","), row);
    assertTrue(row.contains("offline-learned-v2@"), row);

    String jsonl =
        as(admin)
            .queryParam("format", "jsonl")
            .queryParam("questionId", QUESTION)
            .get("/api/v1/exports/grades")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    JsonPath line =
        new JsonPath(jsonl.lines().filter(l -> l.contains(id)).findFirst().orElseThrow());
    assertEquals(id, line.getString("grade.id"));
    assertEquals("override", line.getString("history.effective.source"));
    assertTrue(line.getString("grade.provenance.embeddingModel").startsWith("bge-small"));
  }

  @Test
  void filtersAndBadInput() {
    as(admin)
        .queryParam("format", "xml")
        .get("/api/v1/exports/grades")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("format"));
    as(admin)
        .queryParam("from", "soon")
        .get("/api/v1/exports/grades")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("from"));
    String future =
        as(admin)
            .queryParam("from", "2999-01-01T00:00:00Z")
            .get("/api/v1/exports/grades")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertEquals(1, future.lines().count(), "only the header");
  }
}

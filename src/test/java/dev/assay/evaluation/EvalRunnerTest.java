package dev.assay.evaluation;

import static dev.assay.support.Api.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.metrics.Agreement;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EvalRunnerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject EvalCommand runner;

  private static String row(
      String q, String question, String reference, String answer, double score, String split)
      throws Exception {
    return JSON.writeValueAsString(
        Map.of(
            "question_id", q,
            "question", question,
            "reference_answer", reference,
            "answer", answer,
            "score", score,
            "max_score", 2.0,
            "split", split,
            "score_grader1", score,
            "score_grader2", score,
            "extra_field", "ignored"));
  }

  /**
   * Two small questions: good answers restate the reference (2 of 2), poor ones miss it (1 of 2).
   */
  private static Path evalSet(Path dir) throws Exception {
    List<String> lines = new ArrayList<>();
    String q1 = "Why does a temporal split matter when validating a forecasting model?";
    String r1 =
        "Because random splits leak future information into training, so validation must use later data than training.";
    String q2 = "What does dropout do during training?";
    String r2 =
        "It randomly zeroes activations so the network cannot rely on single units, which reduces overfitting.";
    String[][] good = {
      {
        "1",
        q1,
        r1,
        "Random splits let future data leak into training; validate on a later period than you train on."
      },
      {
        "2",
        q2,
        r2,
        "Dropout zeroes random activations during training so no unit is relied on, reducing overfitting."
      }
    };
    String[][] poor = {
      {"1", q1, r1, "Temporal splits are faster to compute than random ones."},
      {"2", q2, r2, "Dropout removes training examples that are outliers."}
    };
    for (String[] g : good) {
      for (int i = 0; i < 4; i++) {
        lines.add(
            row(
                g[0],
                g[1],
                g[2],
                g[3] + " Variant " + i + ".",
                2.0,
                i < 3 ? "train" : "test-unseen-answers"));
      }
    }
    for (String[] p : poor) {
      for (int i = 0; i < 4; i++) {
        lines.add(
            row(
                p[0],
                p[1],
                p[2],
                p[3] + " Variant " + i + ".",
                1.0,
                i < 3 ? "train" : "test-unseen-answers"));
      }
    }
    Path file = dir.resolve("tiny.jsonl");
    Files.write(file, lines);
    return file;
  }

  @Test
  void gradesTheChosenSplitInAnIsolatedWorkspaceAndReportsAgreement() throws Exception {
    Path dir = Files.createTempDirectory("assay-eval-test");
    Path file = evalSet(dir);
    Path out = dir.resolve("reports");
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    EvalReport report =
        runner.run(
            new PrintStream(progress, true),
            file.toString(),
            "--split-seed",
            "train",
            "--grade-split",
            "test-unseen-answers",
            "--out",
            out.toString());

    assertEquals(2, report.questions());
    assertEquals(12, report.seedRows());
    assertEquals(4, report.gradedRows());
    assertEquals(Map.of("offline", 4), report.modes());
    assertEquals(4, report.grader().n());
    assertEquals(0.25, report.gridStep());
    assertTrue(
        report.grader().pearson() > 0.5, "good answers outscore poor ones: " + report.grader());
    assertEquals(2, report.baselines().size());
    assertEquals(2, report.perQuestion().size());
    assertEquals(
        4, report.perQuestion().values().stream().mapToInt(EvalReport.QuestionAgreement::n).sum());
    report
        .perQuestion()
        .values()
        .forEach(
            q -> {
              assertEquals(q.n(), q.agreement().n());
              assertTrue(q.agreement().qwkCi().low() <= q.agreement().qwkCi().high());
            });
    assertEquals(1.0, report.humanHuman().qwk(), 1e-9, "identical second grader");
    assertTrue(report.lengthBias().containsKey("predictedVsWords"));
    assertEquals(0L, report.llmTokens().get("input"));
    assertTrue(progress.toString().contains("4/4 graded"));
    List<Path> files;
    try (Stream<Path> listed = Files.list(out)) {
      files = listed.sorted().toList();
    }
    assertEquals(2, files.size(), "a JSON and an HTML report");
    String html =
        Files.readString(
            files.stream().filter(f -> f.toString().endsWith(".html")).findFirst().orElseThrow());
    assertTrue(
        html.contains("<svg")
            && html.contains("Predicted vs human")
            && html.contains("QWK per question"));
    assertTrue(!html.contains("<script"), "self-contained, no scripts");

    // The same run compared with itself: paired, every change zero.
    Path json =
        files.stream().filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
    ByteArrayOutputStream compared = new ByteArrayOutputStream();
    runner.run(new PrintStream(compared, true), "--compare", json.toString(), json.toString());
    String table = compared.toString();
    assertTrue(
        table.contains("paired") && table.contains("QWK") && table.contains("+0.000"), table);
    List<String> defaultQuestions =
        given().queryParam("size", 200).get("/api/v1/questions").jsonPath().getList("items.id");
    assertTrue(
        defaultQuestions.stream().noneMatch(id -> id.startsWith("q-")),
        "eval questions stay in their workspace");
  }

  @Test
  void anApiRunGradesInTheBackgroundWithAblationsAndServesItsReports() throws Exception {
    Path file = evalSet(Files.createTempDirectory("assay-eval-api"));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> row = JSON.readValue(line, Map.class);
      rows.add(row);
    }
    String id =
        given()
            .contentType(io.restassured.http.ContentType.JSON)
            .body(
                Map.of(
                    "dataset",
                    "tiny",
                    "rows",
                    rows,
                    "splitSeed",
                    "train",
                    "ablations",
                    List.of("none", "shuffled")))
            .post("/api/v1/eval-runs")
            .then()
            .statusCode(202)
            .header("Location", org.hamcrest.Matchers.containsString("/api/v1/eval-runs/"))
            .extract()
            .path("id");
    io.restassured.path.json.JsonPath run =
        dev.assay.support.Api.awaitEvalRun(
            dev.assay.support.Api.ADMIN_KEY, id, Duration.ofMinutes(1));
    assertEquals("done", run.getString("run.status"), run.prettify());
    assertEquals("api", run.getString("run.purpose"));
    assertEquals(4, run.getInt("report.gradedRows"));
    assertEquals(id, run.getString("report.runId"));
    assertEquals("deployment-default@0", run.getString("report.config.ref"));
    assertEquals(
        List.of("exemplars: none", "exemplars: shuffled"),
        new ArrayList<>(run.getMap("report.ablations").keySet()));
    assertEquals(4, run.getInt("report.ablations.'exemplars: none'.summary.n"));
    assertEquals(2, run.getMap("report.ablations.'exemplars: shuffled'.perQuestionQwk").size());
    String html =
        given()
            .get("/api/v1/eval-runs/{id}/report.html", id)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertTrue(html.contains("Exemplar ablation per question") && html.contains("<svg"));
    assertTrue(html.contains("<h2>Per question</h2>"));
    assertEquals(2, run.getMap("report.perQuestion").size());
    for (String q : List.of("1", "2")) {
      assertEquals(2, run.getInt("report.perQuestion.'" + q + "'.n"));
      assertTrue(run.getMap("report.perQuestion.'" + q + "'.agreement.qwkCi").containsKey("low"));
    }
    given()
        .get("/api/v1/eval-runs")
        .then()
        .statusCode(200)
        .body("id", org.hamcrest.Matchers.hasItem(id));
    // The command line compares stored runs by id.
    ByteArrayOutputStream compared = new ByteArrayOutputStream();
    runner.run(new PrintStream(compared, true), "--compare", id, id);
    assertTrue(compared.toString().contains("paired") && compared.toString().contains("+0.000"));

    // Bad input is refused before anything runs.
    Map<String, Object> bad = new java.util.HashMap<>(rows.get(0));
    bad.put("max_score", 0);
    given()
        .contentType(io.restassured.http.ContentType.JSON)
        .body(Map.of("rows", List.of(bad)))
        .post("/api/v1/eval-runs")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", org.hamcrest.Matchers.hasItem("rows[0]"));
    given()
        .contentType(io.restassured.http.ContentType.JSON)
        .body(Map.of("rows", rows, "ablations", List.of("upside-down")))
        .post("/api/v1/eval-runs")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .contentType(io.restassured.http.ContentType.JSON)
        .body(Map.of("rows", rows, "config", "no-such-config"))
        .post("/api/v1/eval-runs")
        .then()
        .statusCode(404);
  }

  @Test
  void theCommandGradesWithANamedConfigurationAndRefusesAnUnknownOne() throws Exception {
    Path dir = Files.createTempDirectory("assay-eval-config");
    Path file = evalSet(dir);
    String name = "cli-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    given()
        .contentType(io.restassured.http.ContentType.JSON)
        .body(Map.of("name", name, "spec", Map.of("mode", "offline", "k", 1)))
        .post("/api/v1/grader-configs")
        .then()
        .statusCode(201);

    EvalReport report =
        runner.run(
            new PrintStream(new ByteArrayOutputStream(), true),
            file.toString(),
            "--split-seed",
            "train",
            "--config",
            name,
            "--out",
            dir.resolve("out").toString());

    assertEquals(name + "@1", report.config().ref());
    assertEquals("offline learned k1", report.config().description());
    given()
        .get("/api/v1/eval-runs/{id}", report.runId())
        .then()
        .statusCode(200)
        .body("run.purpose", org.hamcrest.Matchers.equalTo("cli"))
        .body("run.grader.ref", org.hamcrest.Matchers.equalTo(name + "@1"));
    dev.assay.platform.ApiException unknown =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.assay.platform.ApiException.class,
            () -> runner.run(System.out, file.toString(), "--config", "no-such-config"));
    assertTrue(unknown.getMessage().contains("no-such-config"));
  }

  @Test
  void theHumanCeilingIsOneGraderAgainstTheOtherNeverAgainstTheirMean() throws Exception {
    Path dir = Files.createTempDirectory("assay-eval-human");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      double g1 = i % 2 == 0 ? 2.0 : 0.0;
      double g2 = i % 4 < 2 ? 2.0 : 0.0;
      lines.add(
          JSON.writeValueAsString(
              Map.of(
                  "question_id",
                  "h",
                  "question",
                  "What does dropout do during training?",
                  "reference_answer",
                  "It zeroes random activations so that no unit is relied on.",
                  "answer",
                  "Dropout answer number " + i + " about random activations.",
                  "score",
                  (g1 + g2) / 2,
                  "max_score",
                  2.0,
                  "split",
                  i < 2 ? "train" : "test",
                  "score_grader1",
                  g1,
                  "score_grader2",
                  g2)));
    }
    Path file = dir.resolve("two-graders.jsonl");
    Files.write(file, lines);
    EvalReport report =
        runner.run(
            new PrintStream(new ByteArrayOutputStream(), true),
            file.toString(),
            "--split-seed",
            "train",
            "--out",
            dir.resolve("reports").toString());
    // Graded rows 2..7: grader 1 says 2,0,2,0,2,0 and grader 2 says 0,0,2,2,0,0 (in shares 1/0).
    double[] g1 = {1, 0, 1, 0, 1, 0};
    double[] g2 = {0, 0, 1, 1, 0, 0};
    assertEquals(
        Agreement.pearson(g2, g1), report.humanHuman().pearson(), 1e-9, "grader 2 vs grader 1");
    assertTrue(report.humanHuman().pearson() < 0.5, "the mean would have inflated it");
  }

  @Test
  void aRowCannotBeBothASeedAndGraded() {
    EvalRow row = new EvalRow("a", "q", "r", "the same words", 1, 2, "test", null, null);
    EvalRow copy = new EvalRow("a", "q", "r", "The same words.", 2, 2, "test", null, null);
    assertThrows(
        IllegalStateException.class,
        () -> new EvalSplit(Map.of("a", List.of(row)), Map.of("a", List.of(row)), 0, 0));
    assertThrows(
        IllegalStateException.class,
        () -> new EvalSplit(Map.of("a", List.of(row)), Map.of("a", List.of(copy)), 0, 0));
  }

  @Test
  void anAnswerThatCopiesASeedWordForWordIsLeftOutOfGrading() {
    List<EvalRow> rows = new ArrayList<>();
    rows.add(new EvalRow("a", "q", "r", "seed answer", 1, 2, "train", null, null));
    rows.add(new EvalRow("a", "q", "r", "Seed answer!", 2, 2, "test", null, null));
    rows.add(new EvalRow("a", "q", "r", "another answer", 0, 2, "test", null, null));
    EvalSplit split = EvalSplit.of(EvalOptions.parse("x.jsonl", "--split-seed", "train"), rows);
    assertEquals(1, split.copiesOfSeeds());
    assertEquals(List.of(rows.get(2)), split.graded().get("a"));
  }

  @Test
  void seedPerQuestionDrawsSeedsFromTheGradedSplitReproducibly() {
    List<EvalRow> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(new EvalRow("a", "q", "r", "answer " + i, i % 3, 2, "test", null, null));
    }
    EvalOptions options = EvalOptions.parse("x.jsonl", "--seed-per-question", "3", "--seed", "9");
    EvalSplit first = EvalSplit.of(options, rows);
    EvalSplit second = EvalSplit.of(options, rows);
    assertEquals(3, first.seeds().get("a").size());
    assertEquals(7, first.graded().get("a").size());
    assertEquals(first, second);
  }
}

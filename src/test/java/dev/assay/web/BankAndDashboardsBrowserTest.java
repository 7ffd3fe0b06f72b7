package dev.assay.web;

import static dev.assay.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.support.Api;
import dev.assay.support.TestBank;
import dev.assay.support.TestWorkspace;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * An admin's path through the bank, the dashboards and the interview pages in headless Chromium, in
 * a workspace of the test's own: browse the bank, read what changed between two rubric versions,
 * see the grades, tokens and evaluation run made here in the charts, open a scorecard and follow
 * its evidence to the grade page, compare candidates, read the fairness report. Every page is
 * checked with axe-core and saved as a full-page screenshot.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BankAndDashboardsBrowserTest {
  private static final String Q1 = "web-grounding";
  private static final String Q2 = "web-citations";
  private static final String ROLE = "rag-engineer";

  @TestHTTPResource("/")
  URL base;

  private Browser browser;
  private String admin;
  private String runId;
  private final Map<String, String> interviews = new LinkedHashMap<>();
  private final List<String> grades = new ArrayList<>();

  @BeforeAll
  void start() {
    browser = new Browser(1280, 900);
  }

  @AfterAll
  void stop() {
    browser.close();
  }

  private String url(String path) {
    return URI.create(base.toString()).resolve(path).toString();
  }

  /** Text of an element even when it sits in a closed {@code <details>}. */
  private String text(String css) {
    return browser.find(css).getAttribute("textContent");
  }

  @Test
  @Order(1)
  void signIn() {
    // RestAssured knows the test port only once a test runs, so the data is made here.
    admin = TestWorkspace.withQuestions("web-pages", Q1, Q2);
    as(admin)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "areas",
                List.of(Map.of("key", "mlops", "title", "MLOps", "description", "Running models")),
                "roles",
                List.of(
                    Map.of(
                        "id",
                        ROLE,
                        "name",
                        "RAG engineer",
                        "description",
                        "Builds grounded assistants",
                        "areaWeights",
                        Map.of("nlp-llm", 0.7, "mlops", 0.3)))))
        .post("/api/v1/bank/import")
        .then()
        .statusCode(200);
    as(admin)
        .contentType(ContentType.JSON)
        .body(secondRubric())
        .post("/api/v1/questions/{id}/rubric-versions", Q1)
        .then()
        .statusCode(201);
    for (String candidate : List.of("cand-a", "cand-b")) {
      grades.add(TestWorkspace.grade(admin, Q1, candidate));
      interviews.put(candidate, openInterview(candidate));
      as(admin)
          .contentType(ContentType.JSON)
          .body(Map.of("attributes", Map.of("sex", candidate.endsWith("a") ? "female" : "male")))
          .put("/api/v1/candidates/{ref}/cohort", candidate)
          .then()
          .statusCode(204);
    }
    grades.add(TestWorkspace.grade(admin, Q2, "cand-a"));
    runId = startEvalRun();

    browser.driver.get(url("/app/bank"));
    browser.find("#apiKey").sendKeys(admin);
    browser.find("button[type=submit].primary").click();
    browser.awaitUrl("/app/bank");
    assertTrue(browser.driver.getCurrentUrl().endsWith("/app/bank"), "back to the page asked for");
  }

  @Test
  @Order(2)
  void theBankListsQuestionsByAreaAndARubricDiffNamesEveryChange() {
    WebElement row = browser.find("tr[data-question='" + Q1 + "']");
    assertTrue(row.getText().contains("version 2"), row.getText());
    assertTrue(browser.find("#area-nlp-llm").getText().startsWith("NLP and LLMs"));
    assertTrue(browser.find("#area-mlops").getText().contains("0 questions"));
    browser.look("b1-bank");
    row.findElement(By.cssSelector("a")).click();
    assertEquals(2, browser.driver.findElements(By.cssSelector("#versions tbody tr")).size());
    assertEquals(3, browser.driver.findElements(By.cssSelector("#exemplars tbody tr")).size());
    browser.look("b2-question");
    browser.find("#compare").click();
    browser.awaitUrl("/diff?from=1&to=2");
    assertEquals("changed", status("criterion-a"));
    assertEquals("unchanged", status("criterion-b"));
    assertEquals("removed", status("criterion-c"));
    assertEquals("added", status("criterion-d"));
    WebElement changed = browser.find("[data-criterion='criterion-a']");
    assertEquals("handles", changed.findElement(By.cssSelector("del")).getText());
    assertEquals("cites sources for", changed.findElement(By.cssSelector("ins")).getText());
    assertTrue(changed.getText().contains("Weight"), "the weight change is shown");
    assertTrue(browser.find("#diff-summary").getText().startsWith("1 added, 1 removed, 1 changed"));
    browser.look("b3-rubric-diff");
    browser.driver.get(url("/app/bank/pending"));
    assertTrue(browser.find("main").getText().contains("No exemplar is waiting"));
    browser.look("b4-pending");
  }

  private String status(String criterion) {
    return browser.find("[data-criterion='" + criterion + "']").getAttribute("data-status");
  }

  @Test
  @Order(3)
  void theOperationsDashboardShowsTheGradesMadeHere() {
    browser.driver.get(url("/app/operations"));
    assertTrue(
        browser.find("#ops-grades").getText().startsWith("3 "),
        browser.find("#ops-grades").getText());
    String spread = text("#distribution table");
    assertTrue(spread.contains(Q1 + " (n=2"), spread);
    assertTrue(spread.contains(Q2 + " (n=1"), spread);
    assertEquals(
        2,
        browser.driver.findElements(By.cssSelector("#distribution svg text")).size(),
        "one bar per question");
    assertTrue(text("#stages table").contains("total (n=3)"), text("#stages table"));
    browser.look("b5-operations");
  }

  @Test
  @Order(4)
  void theEvaluationsPageListsTheRunWithItsReport() {
    Api.awaitEvalRun(admin, runId, Duration.ofMinutes(2));
    browser.driver.get(url("/app/evaluations"));
    WebElement row = browser.find("tr[data-run='" + runId + "']");
    assertTrue(row.getText().contains("done"), row.getText());
    assertTrue(text("#runs-chart table").contains("web-tiny"), "the run is charted");
    browser.look("b6-evaluations");
    row.findElement(By.cssSelector("a")).click();
    assertTrue(browser.find("h1").getText().contains("web-tiny"), browser.find("h1").getText());
    browser.screenshot("b7-evaluation-report");
  }

  @Test
  @Order(5)
  void aScorecardNamesItsGapsAndLinksItsEvidenceToTheGradePages() {
    browser.driver.get(url("/app/interviews"));
    assertEquals(2, browser.driver.findElements(By.cssSelector("#interviews tbody tr")).size());
    browser.look("b8-interviews");
    browser.find("#pick-" + interviews.get("cand-a")).click();
    browser.find("#pick-" + interviews.get("cand-b")).click();
    browser.find("#compare").click();
    assertEquals(2, browser.driver.findElements(By.cssSelector("#comparison tbody tr")).size());
    browser.look("b9-comparison");
    browser.driver.get(url("/app/interviews/" + interviews.get("cand-a")));
    assertTrue(browser.find("#gaps").getText().contains("MLOps"), browser.find("#gaps").getText());
    assertTrue(browser.find("#print-link").getAttribute("href").endsWith("/print"));
    List<WebElement> evidence = browser.driver.findElements(By.cssSelector(".evidence-link"));
    assertEquals(2, evidence.size(), "both answers of cand-a are evidence");
    browser.look("b10-scorecard");
    String href = evidence.getFirst().getAttribute("href");
    evidence.getFirst().click();
    assertEquals(href, browser.driver.getCurrentUrl());
    assertTrue(grades.stream().anyMatch(href::endsWith), href);
    assertTrue(browser.find("#automated-score").isDisplayed());
  }

  @Test
  @Order(6)
  void theFairnessPageReportsTheCohortAttribute() {
    browser.driver.get(url("/app/fairness"));
    assertTrue(browser.find("#f-attribute").getText().contains("sex"));
    assertTrue(
        browser.find("#overall-h").getText().startsWith("sex"),
        browser.find("#overall-h").getText());
    browser.look("b11-fairness");
  }

  @Test
  @Order(7)
  void anUnknownGradeIsAPageNotFound() {
    browser.driver.get(url("/app/grades/" + UUID.randomUUID()));
    assertEquals("Page not found", browser.find("h1").getText());
    browser.look("b12-not-found");
  }

  private String openInterview(String candidate) {
    return as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("candidateRef", candidate, "role", ROLE))
        .post("/api/v1/interviews")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** Version 2: criterion-a reworded and reweighted, criterion-c dropped, criterion-d new. */
  private static Map<String, Object> secondRubric() {
    Map<String, Object> a = new LinkedHashMap<>(TestBank.criterion("criterion-a", 0.5));
    a.put("description", "How well the answer cites sources for criterion-a");
    return Map.of(
        "scale",
        4,
        "criteria",
        List.of(a, TestBank.criterion("criterion-b", 0.3), TestBank.criterion("criterion-d", 0.2)));
  }

  /** A small eval set of two questions; the run grades its held-out answers in the background. */
  private String startEvalRun() {
    List<Map<String, Object>> rows = new ArrayList<>();
    String[][] questions = {
      {"1", "Why does a temporal split matter for forecasting?", "Random splits leak the future."},
      {"2", "What does dropout do during training?", "It zeroes random activations."}
    };
    for (String[] q : questions) {
      for (int i = 0; i < 6; i++) {
        boolean good = i % 2 == 0;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("question_id", q[0]);
        row.put("question", q[1]);
        row.put("reference_answer", q[2]);
        row.put("answer", (good ? q[2] : "I do not know.") + " Variant " + i + ".");
        row.put("score", good ? 2.0 : 0.0);
        row.put("max_score", 2.0);
        row.put("split", i < 4 ? "train" : "test-unseen-answers");
        rows.add(row);
      }
    }
    return as(admin)
        .contentType(ContentType.JSON)
        .body(Map.of("dataset", "web-tiny", "rows", rows, "splitSeed", "train"))
        .post("/api/v1/eval-runs")
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }
}

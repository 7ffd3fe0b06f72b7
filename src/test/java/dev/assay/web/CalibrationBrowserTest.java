package dev.assay.web;

import static dev.assay.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.support.Api;
import dev.assay.support.TestWorkspace;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The calibration pages in headless Chromium: a reviewer scores an answer blind and only then sees
 * the automated score and another reviewer's score; the admin sees both reviewers in the report.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CalibrationBrowserTest {
  private static final String QUESTION = "calib-page-q";

  @TestHTTPResource("/")
  URL base;

  private String admin;
  private String reviewer;
  private String setId;

  /** One Chromium for the class; the methods run in order, as one person after another. */
  private final Browser browser = new Browser(1280, 1000);

  @AfterAll
  void quit() {
    browser.close();
  }

  /** Opens an app path in the browser. */
  private void open(String path) {
    browser.driver.get(URI.create(base.toString()).resolve(path).toString());
  }

  /** A full-page screenshot, and no serious axe-core violation on the page. */
  private void check(String page) {
    browser.look(page);
  }

  private WebElement find(String css) {
    return browser.find(css);
  }

  private void signInAs(String key) {
    open("/app/sign-in");
    find("#apiKey").sendKeys(key);
    find("button[type=submit].primary").click();
  }

  @Test
  @Order(1)
  void aReviewerScoresBlind() {
    // RestAssured knows the test port only once a test runs, so the data is made here.
    admin = TestWorkspace.withQuestions("calib-page", QUESTION);
    String grader = Api.issueKey(admin, "grader");
    reviewer = Api.issueKey(admin, "reviewer");
    String other = Api.issueKey(admin, "reviewer");
    List<String> grades =
        List.of(
            TestWorkspace.grade(grader, QUESTION, "cand-a"),
            TestWorkspace.grade(grader, QUESTION, "cand-b"));
    setId =
        as(admin)
            .contentType(ContentType.JSON)
            .body(Map.of("name", "Page calibration", "gradeIds", grades))
            .post("/api/v1/calibration-sets")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String first =
        as(other).get("/api/v1/calibration-sets/{id}/queue", setId).jsonPath().getString("[0].id");
    as(other)
        .contentType(ContentType.JSON)
        .body(Map.of("score", 3))
        .post("/api/v1/calibration-sets/{id}/items/{item}/scores", setId, first)
        .then()
        .statusCode(201);

    signInAs(reviewer);
    open("/app/calibration");
    find("#calibration-sets a").click();
    browser.awaitUrl("/app/calibration/" + setId);
    assertTrue(browser.driver.getCurrentUrl().endsWith("/app/calibration/" + setId));
    assertEquals(2, browser.driver.findElements(By.cssSelector("#blind form")).size());
    assertTrue(find("#scored").getText().contains("Nothing yet"), "nothing revealed yet");
    assertFalse(find("#blind").getText().contains("Automated"));
    check("calibration-01-blind");

    find("#item-" + first + " input[name=score]").sendKeys("2");
    find("#item-" + first + " button[type=submit]").click();
    assertTrue(find("[role=status]").getText().contains("Score saved"));
    assertEquals(1, browser.driver.findElements(By.cssSelector("#blind form")).size());
    String revealed = find("#scored tbody").getText();
    assertTrue(revealed.contains("2 / 4") && revealed.contains("3"), revealed);
    assertEquals(
        1, browser.driver.findElements(By.cssSelector("#calibration-report tbody tr")).size());
    check("calibration-02-scored");
  }

  @Test
  @Order(2)
  void theAdminSeesEveryReviewer() {
    find(".signout button").click();
    signInAs(admin);
    open("/app/calibration/" + setId);
    assertEquals(
        2, browser.driver.findElements(By.cssSelector("#calibration-report tbody tr")).size());
    check("calibration-03-admin-report");
    open("/app/calibration");
    find("#set-name").sendKeys("Sampled on the page");
    find("#set-size").clear();
    find("#set-size").sendKeys("1");
    find("#create-set").click();
    assertTrue(find("[role=status]").getText().contains("created"));
    assertEquals(1, browser.driver.findElements(By.cssSelector("#blind form")).size());
  }
}

package dev.assay.support;

import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The tests' one client of the API: requests with an API key (tests act as the bootstrap admin
 * unless they say), and the steps most tests need: grade an answer, issue a key, create a workspace
 * of their own and fill its bank.
 */
public final class Api {
  /** The bootstrap admin key of the test profile (application.properties, %test). */
  public static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";

  private Api() {}

  public static RequestSpecification given() {
    return as(ADMIN_KEY);
  }

  public static RequestSpecification as(String key) {
    return RestAssured.given().header("Authorization", "Bearer " + key);
  }

  /** Issues a key with the role in the workspace of {@code adminKey}; returns the key itself. */
  public static String issueKey(String adminKey, String role) {
    return as(adminKey)
        .contentType(ContentType.JSON)
        .body(Map.of("name", role + " " + UUID.randomUUID(), "role", role))
        .post("/api/v1/keys")
        .then()
        .statusCode(201)
        .extract()
        .path("key");
  }

  /** A workspace made for one test: its slug and the key of its first admin. */
  public record Workspace(String slug, String adminKey) {}

  /** Creates an empty workspace whose slug starts with {@code prefix}. */
  public static Workspace createWorkspace(String prefix) {
    String slug = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    String admin =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("slug", slug, "name", prefix))
            .post("/api/v1/workspaces")
            .then()
            .statusCode(201)
            .extract()
            .path("adminKey.key");
    return new Workspace(slug, admin);
  }

  /** Imports bank documents (YAML resources on the class path) into the admin's workspace. */
  public static void importBank(String adminKey, String... resources) {
    for (String resource : resources) {
      as(adminKey)
          .contentType("application/yaml")
          .body(resource(resource))
          .post("/api/v1/bank/import")
          .then()
          .statusCode(200);
    }
  }

  /** The bytes of a class-path resource, which must exist. */
  static byte[] resource(String name) {
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no class-path resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Grades {@code answer} to {@code questionId} as {@code key} under a fresh candidate reference;
   * the grade must be created (201). Returns the grade.
   */
  public static JsonPath grade(String key, String questionId, String answer) {
    return grade(
        key,
        Map.of(
            "questionId", questionId, "answer", answer, "candidateRef", "c-" + UUID.randomUUID()));
  }

  /** Posts a grade request body as {@code key}; the grade must be created (201). */
  public static JsonPath grade(String key, Map<String, ?> body) {
    return as(key)
        .contentType(ContentType.JSON)
        .body(new LinkedHashMap<>(body))
        .post("/api/v1/grades")
        .then()
        .statusCode(201)
        .contentType(ContentType.JSON)
        .extract()
        .jsonPath();
  }

  /**
   * Reads {@code path} as {@code key} (200 expected) until {@code done} holds of the body, polling
   * with Awaitility; returns that body.
   */
  public static JsonPath awaitBody(
      String key, String path, Predicate<JsonPath> done, Duration atMost, Object... pathParams) {
    return await(path)
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> as(key).get(path, pathParams).then().statusCode(200).extract().jsonPath(), done);
  }

  /** Waits for an evaluation run to finish (done or failed); returns the run with its report. */
  public static JsonPath awaitEvalRun(String key, String runId, Duration atMost) {
    return awaitBody(
        key,
        "/api/v1/eval-runs/{id}",
        r -> List.of("done", "failed").contains(r.getString("run.status")),
        atMost,
        runId);
  }
}

package dev.assay.support;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** REST Assured requests with an API key; tests act as the bootstrap admin unless they say. */
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
        .contentType(io.restassured.http.ContentType.JSON)
        .body(java.util.Map.of("name", role + " " + java.util.UUID.randomUUID(), "role", role))
        .post("/api/v1/keys")
        .then()
        .statusCode(201)
        .extract()
        .path("key");
  }
}

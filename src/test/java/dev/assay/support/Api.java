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
}

package dev.assay.security;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.assay.platform.WireNames;

/**
 * What a key may do. {@code grader}: a platform client that creates grades and reads its own;
 * {@code reviewer}: reads every grade of its workspace and reviews them; {@code admin}: the bank,
 * keys and settings, and everything a reviewer may do. The wire names are the security roles of
 * {@link Roles}.
 */
public enum Role {
  GRADER,
  REVIEWER,
  ADMIN;

  @JsonValue
  public String wire() {
    return WireNames.of(this);
  }

  @JsonCreator
  public static Role fromWire(String value) {
    return WireNames.parse(Role.class, value);
  }
}

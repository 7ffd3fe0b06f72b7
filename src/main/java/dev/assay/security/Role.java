package dev.assay.security;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a key may do. {@code grader}: a platform client that creates grades and reads its own;
 * {@code reviewer}: reads every grade of its workspace and reviews them; {@code admin}: the bank,
 * keys and settings, and everything a reviewer may do.
 */
public enum Role {
  GRADER,
  REVIEWER,
  ADMIN;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Role fromWire(String value) {
    for (Role role : values()) {
      if (role.wire().equals(value)) {
        return role;
      }
    }
    throw new IllegalArgumentException("must be one of grader, reviewer, admin");
  }
}

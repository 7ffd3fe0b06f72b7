package dev.assay.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content hashes that identify rubric versions, exemplar contents and prompt files. */
public final class Hashing {
  private Hashing() {}

  /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code text}. */
  public static String sha256(String text) {
    return hex("SHA-256", text);
  }

  /** Lower-case hex MD5, matching PostgreSQL's {@code md5(text)}; for change detection only. */
  public static String md5(String text) {
    return hex("MD5", text);
  }

  private static String hex(String algorithm, String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance(algorithm);
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is part of every JDK", e);
    }
  }
}

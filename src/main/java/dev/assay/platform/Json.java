package dev.assay.platform;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper for code outside CDI. The rule: a bean injects Quarkus's {@code ObjectMapper}
 * (configured by {@code quarkus.jackson.*} and {@link StrictJson}: request bodies are read
 * strictly) and derives what it needs with {@code copy()}; static readers of data files (eval sets,
 * attack sets, stored evaluation reports) use {@link #files()}. No class makes a mapper of its own.
 */
public final class Json {
  /**
   * Files are written by people and by older versions of Assay: unknown fields are ignored (a
   * report from an older build still compares), and the JDK time and optional types are known.
   */
  private static final ObjectMapper FILES =
      JsonMapper.builder()
          .findAndAddModules()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private Json() {}

  /** The shared reader of data files; do not reconfigure it ({@code copy()} it instead). */
  public static ObjectMapper files() {
    return FILES;
  }
}

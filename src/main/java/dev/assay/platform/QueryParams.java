package dev.assay.platform;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Parsing of query parameters that JAX-RS cannot convert with a useful error. */
public final class QueryParams {
  private QueryParams() {}

  /** An ISO-8601 date-time with offset, or null; a bad value is a 400 naming the parameter. */
  public static OffsetDateTime time(String field, String value) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.badField(
          field, "must be an ISO-8601 date-time with offset, e.g. 2026-11-24T10:00:00Z");
    }
  }

  /** A closed set's spelling ({@link WireNames}), or null; another is a 400 naming the values. */
  public static <E extends Enum<E>> E wire(String field, String value, Class<E> type) {
    if (value == null) {
      return null;
    }
    try {
      return WireNames.parse(type, value);
    } catch (IllegalArgumentException e) {
      throw ApiException.badField(field, e.getMessage());
    }
  }
}

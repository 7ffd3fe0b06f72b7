package dev.assay.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail. {@code code} is the stable machine-readable identifier; {@code
 * errors} lists the offending fields of a bad request; {@code requestId} is the request's id (also
 * sent as {@code X-Request-Id}), for a client to quote when it reports the failure.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String code,
    String instance,
    List<FieldError> errors,
    String requestId) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /** One offending input field, as a JSON-pointer-like dotted path. */
  public record FieldError(String field, String message) {}

  static Problem of(int status, String code, String title, String detail, List<FieldError> errors) {
    return new Problem(
        "urn:assay:problem:" + code,
        title,
        status,
        detail,
        code,
        null,
        errors,
        RequestIds.current());
  }
}

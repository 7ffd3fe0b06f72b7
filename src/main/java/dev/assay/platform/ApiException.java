package dev.assay.platform;

import jakarta.ws.rs.core.Response;
import java.util.List;

/** A failure that maps to a problem+json response with a stable code. */
public class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final String title;
  private final List<Problem.FieldError> errors;

  public ApiException(
      int status, String code, String title, String detail, List<Problem.FieldError> errors) {
    super(detail);
    this.status = status;
    this.code = code;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  public static ApiException notFound(String what, String id) {
    return new ApiException(
        404, "not-found", "Not found", what + " '" + id + "' does not exist", List.of());
  }

  public static ApiException conflict(String code, String detail) {
    return new ApiException(409, code, "Conflict", detail, List.of());
  }

  /** The request is well-formed but cannot be carried out as asked. */
  public static ApiException unprocessable(String code, String detail) {
    return new ApiException(422, code, "Cannot be processed", detail, List.of());
  }

  public static ApiException badRequest(String code, String detail) {
    return new ApiException(400, code, "Invalid request", detail, List.of());
  }

  public static ApiException badField(String field, String message) {
    return new ApiException(
        400,
        "invalid-request",
        "Invalid request",
        field + ": " + message,
        List.of(new Problem.FieldError(field, message)));
  }

  public static ApiException badFields(List<Problem.FieldError> errors) {
    String detail =
        errors.size() == 1
            ? errors.get(0).field() + ": " + errors.get(0).message()
            : errors.size() + " fields are invalid";
    return new ApiException(400, "invalid-request", "Invalid request", detail, errors);
  }

  public int status() {
    return status;
  }

  /** The fields at fault, if the problem is about fields. */
  public List<Problem.FieldError> fieldErrors() {
    return errors;
  }

  /** Response headers that go with the problem (e.g. {@code Retry-After}); none by default. */
  public java.util.Map<String, String> headers() {
    return java.util.Map.of();
  }

  Problem toProblem() {
    return Problem.of(status, code, title, getMessage(), errors);
  }

  /** The problem+json response, for exception mappers outside this package. */
  public Response toResponse() {
    Problem problem = toProblem();
    Response.ResponseBuilder r =
        Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    headers().forEach(r::header);
    return r.build();
  }
}

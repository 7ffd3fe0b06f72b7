package dev.assay.platform;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.CharConversionException;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into application/problem+json; clients never see a stack trace. */
class ProblemMappers {
  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  Response api(ApiException e) {
    return e.toResponse();
  }

  @ServerExceptionMapper
  Response validation(ConstraintViolationException e) {
    return respond(
        ApiException.badFields(Violations.fieldErrors(e.getConstraintViolations(), ""))
            .toProblem());
  }

  // Quarkus REST maps these subtypes itself (an empty 400); naming them here takes precedence.
  @ServerExceptionMapper
  Response mismatchedJson(MismatchedInputException e) {
    return unreadableJson(e);
  }

  @ServerExceptionMapper
  Response malformedJson(JsonParseException e) {
    return unreadableJson(e);
  }

  @ServerExceptionMapper
  Response unmappableJson(JsonMappingException e) {
    return unreadableJson(e);
  }

  @ServerExceptionMapper
  Response unreadableJson(JsonProcessingException e) {
    String field = e instanceof JsonMappingException m ? pathOf(m) : "";
    String message = e.getOriginalMessage();
    if (field.isEmpty()) {
      return respond(
          Problem.of(
              400,
              "malformed-body",
              "Malformed request body",
              "body is not valid JSON: " + message,
              List.of()));
    }
    return respond(ApiException.badField(field, message).toProblem());
  }

  /**
   * Bytes that no text encoding can read (Jackson guesses UTF-16 or UTF-32 from leading zero bytes,
   * then finds no character): a bad body, not a server failure. Found by fuzzing.
   */
  @ServerExceptionMapper
  Response undecodable(CharConversionException e) {
    return respond(
        Problem.of(
            400,
            "malformed-body",
            "Malformed request body",
            "body is not valid text: " + e.getMessage(),
            List.of()));
  }

  @ServerExceptionMapper
  Response web(WebApplicationException e) {
    if (e.getCause() instanceof JsonProcessingException json) {
      return unreadableJson(json);
    }
    if (e.getCause() instanceof CharConversionException chars) {
      return undecodable(chars);
    }
    int status = e.getResponse().getStatus();
    Response.Status known = Response.Status.fromStatusCode(status);
    String title = known == null ? "HTTP " + status : known.getReasonPhrase();
    String code = title.toLowerCase().replace(' ', '-');
    return respond(Problem.of(status, code, title, e.getMessage(), List.of()));
  }

  @ServerExceptionMapper
  Response unexpected(Throwable e) {
    if (DatabaseOutage.causedBy(e)) {
      // Expected while the database is down: one line, not a stack trace per request.
      LOG.warnf("database unreachable: %s", e.getMessage());
      return DatabaseOutage.problem().toResponse();
    }
    String incident = UUID.randomUUID().toString();
    LOG.errorf(e, "unexpected failure incident=%s", incident);
    return respond(
        Problem.of(
            500,
            "internal-error",
            "Internal error",
            "The request failed unexpectedly; quote incident " + incident + " to the operators.",
            List.of()));
  }

  /** The problem as JSON text, for handlers outside JAX-RS (the body-size limit). */
  static String json(Problem problem) {
    StringBuilder sb = new StringBuilder("{");
    sb.append("\"type\":\"").append(problem.type()).append("\",");
    sb.append("\"title\":\"").append(problem.title()).append("\",");
    sb.append("\"status\":").append(problem.status()).append(',');
    sb.append("\"detail\":\"").append(problem.detail().replace("\"", "'")).append("\",");
    sb.append("\"code\":\"").append(problem.code()).append('"');
    if (problem.requestId() != null) {
      sb.append(",\"requestId\":\"").append(problem.requestId()).append('"');
    }
    return sb.append('}').toString();
  }

  static Response respond(Problem problem) {
    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }
}

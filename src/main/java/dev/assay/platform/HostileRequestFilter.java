package dev.assay.platform;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Checks what JAX-RS would otherwise convert badly, before any resource runs: every path segment,
 * query parameter and the {@code Idempotency-Key} header must be valid UTF-8 that can be stored
 * ({@link StorableText}); paging parameters must be integers and flags true or false. Each failure
 * is a 400 problem naming the parameter (JAX-RS would answer 404 for {@code ?size=abc}).
 */
class HostileRequestFilter {
  private static final Set<String> INTEGERS = Set.of("page", "size", "k");
  private static final Set<String> BOOLEANS = Set.of("stale", "includeInactive", "rows");
  private static final Pattern INTEGER = Pattern.compile("-?\\d{1,9}");
  private static final Map<String, String> HEADERS = Map.of("Idempotency-Key", "Idempotency-Key");

  @ServerRequestFilter(preMatching = true)
  void check(ContainerRequestContext request) {
    String rawPath = request.getUriInfo().getRequestUri().getRawPath();
    if (rawPath != null) {
      for (String segment : rawPath.split("/")) {
        String problem = problem(segment);
        if (problem != null) {
          throw ApiException.badField("path", problem);
        }
      }
    }
    String rawQuery = request.getUriInfo().getRequestUri().getRawQuery();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        checkParameter(pair);
      }
    }
    HEADERS.forEach(
        (header, field) -> {
          List<String> values = request.getHeaders().get(header);
          if (values != null) {
            for (String v : values) {
              String problem = StorableText.problem(v);
              if (problem != null) {
                throw ApiException.badField(field, problem);
              }
            }
          }
        });
  }

  private static void checkParameter(String pair) {
    int eq = pair.indexOf('=');
    String rawName = eq < 0 ? pair : pair.substring(0, eq);
    String name = decode(rawName);
    if (name == null || StorableText.problem(name) != null) {
      throw ApiException.badField("query", "parameter names must be valid, printable UTF-8");
    }
    String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
    if (value == null) {
      throw ApiException.badField(name, "must be valid percent-encoded UTF-8");
    }
    String problem = StorableText.problem(value);
    if (problem != null) {
      throw ApiException.badField(name, problem);
    }
    if (INTEGERS.contains(name) && !INTEGER.matcher(value).matches()) {
      throw ApiException.badField(name, "must be an integer");
    }
    if (BOOLEANS.contains(name) && !value.equals("true") && !value.equals("false")) {
      throw ApiException.badField(name, "must be true or false");
    }
  }

  private static String problem(String rawSegment) {
    String decoded = decode(rawSegment);
    return decoded == null ? "must be valid percent-encoded UTF-8" : StorableText.problem(decoded);
  }

  /** Percent-decoding ({@code +} as space) with strict UTF-8; null when either is broken. */
  static String decode(String raw) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          return null;
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else if (c == '+') {
        bytes.write(' ');
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}

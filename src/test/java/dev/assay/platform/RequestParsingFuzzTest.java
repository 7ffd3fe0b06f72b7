package dev.assay.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.grading.GradeRequest;
import jakarta.ws.rs.core.Response;
import java.io.CharConversionException;
import java.io.IOException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target (Jazzer): request bodies and query strings as the service reads them. Whatever the
 * bytes, parsing ends in a value or in a failure that maps to a 400 problem, never another
 * exception. Without JAZZER_FUZZ it replays its seeds as an ordinary test; bench/fuzz.sh fuzzes.
 */
class RequestParsingFuzzTest {
  private static final ObjectMapper JSON =
      StrictJson.apply(
          new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
  private static final ProblemMappers MAPPERS = new ProblemMappers();

  @Tag("fuzz")
  @FuzzTest(maxDuration = "30m", maxExecutions = 1_000_000)
  void gradeRequestBodies(FuzzedDataProvider data) {
    check(data.consumeString(200), data.consumeRemainingAsBytes());
  }

  /**
   * The short smoke run of the default suite: a few seeds, the fuzzer's first finding among them.
   */
  @Test
  void seeds() {
    check("size=abc&flag=%00", "{\"questionId\": \"q\", \"answer\": 12}".getBytes());
    check("%FF", "{\"answer\": \"a\\u0000\"}".getBytes());
    check("", new byte[] {'\\', '%', 0, 0, 0, '\n', '@', '%', '\n', 0});
    check("a=b", "{\"questionId\": \"q\", \"answer\": \"ok\", \"tags\": [\"x\"]}".getBytes());
  }

  private static void check(String query, byte[] body) {
    try {
      GradeRequest request = JSON.readValue(body, GradeRequest.class);
      if (request != null && request.answer() != null) {
        assertEquals(null, StorableText.problem(request.answer()), "a stored answer is storable");
      }
    } catch (JsonProcessingException e) {
      Response r = MAPPERS.unreadableJson(e);
      assertEquals(400, r.getStatus(), e.toString());
    } catch (CharConversionException e) {
      assertEquals(400, MAPPERS.undecodable(e).getStatus(), e.toString());
    } catch (IOException e) {
      throw new AssertionError("reading bytes in memory fails only as bad JSON or bad text", e);
    }
    for (String pair : query.split("&")) {
      String decoded = HostileRequestFilter.decode(pair);
      assertTrue(decoded == null || decoded.length() <= pair.length());
    }
  }
}

package dev.assay.grading;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.bank.CriterionSpec;
import dev.assay.bank.RubricSpec;
import dev.assay.grading.manipulation.ManipulationDetector;
import dev.assay.llm.LlmGrade;
import dev.assay.llm.ReplyReader;
import dev.assay.platform.StrictJson;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target (Jazzer): an LLM reply is parsed, verified against a rubric and the answer, and the
 * answer goes through the detector's deterministic core. A reply either parses or is reported as
 * malformed; verification and the detector never throw. bench/fuzz.sh runs it for real.
 */
class LlmReplyFuzzTest {
  private static final ObjectMapper STRICT =
      StrictJson.apply(new ObjectMapper())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final RubricSpec RUBRIC =
      new RubricSpec(
          4,
          List.of(criterion("framing"), criterion("metric-choice"), criterion("threshold-design")));

  private static CriterionSpec criterion(String key) {
    return new CriterionSpec(
        key, "About " + key, 1.0 / 3, new CriterionSpec.Levels("strong", "fine", "weak"));
  }

  @Tag("fuzz")
  @FuzzTest(maxDuration = "30m", maxExecutions = 1_000_000)
  void replies(FuzzedDataProvider data) {
    check(data.consumeString(400), data.consumeRemainingAsString());
  }

  /** The short smoke run of the default suite. */
  @Test
  void seeds() {
    check("Recall first.", "```json\n{\"criteria\": [], \"overallRationale\": \"x\"}\n```");
    check("a\u200Bb", "{\"criteria\": [{\"criterion\": \"framing\", \"score\": 9}]}");
    check("", "null");
    check("x", "{\"criteria\": [{\"criterion\": null, \"citations\": [null]}]}");
  }

  private static void check(String answer, String raw) {
    LlmGrade grade;
    try {
      grade = ReplyReader.parse(STRICT, raw);
    } catch (JsonProcessingException e) {
      return;
    }
    if (grade == null) {
      return;
    }
    List<GradeVerifier.Violation> violations =
        GradeVerifier.verify(grade, RUBRIC, Set.of("ex-1", "ex-2"), answer);
    assertTrue(violations.stream().allMatch(v -> v.kind() != null));
    String visible = ManipulationDetector.visible(answer);
    assertTrue(visible.length() <= answer.length());
  }
}

package dev.assay.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * {@link LlmProfile} with a circuit breaker that opens after two failed attempts in a row (no
 * retries) and stays open for two seconds.
 */
public class LlmBreakerProfile implements QuarkusTestProfile {
  public static final long OPEN_MS = 2000;

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(
        new TestResourceEntry(
            FakeLlmServer.class,
            Map.of(
                "assay.llm.retries", "0",
                "assay.llm.breaker-window", "2",
                "assay.llm.breaker-failure-ratio", "1.0",
                "assay.llm.breaker-open", OPEN_MS + "ms")));
  }
}

package dev.assay.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The LLM grader against {@link FakeLlmServer} with a small database pool ({@link #POOL}
 * connections) and at most {@link #MAX_IN_FLIGHT} grades in flight, and an LLM deadline long enough
 * for a slow fake.
 */
public class InFlightProfile implements QuarkusTestProfile {
  public static final int POOL = 4;
  public static final int MAX_IN_FLIGHT = 24;

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "quarkus.datasource.jdbc.max-size", String.valueOf(POOL),
        "assay.concurrency.max-grades-in-flight", String.valueOf(MAX_IN_FLIGHT));
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(
        new TestResourceEntry(
            FakeLlmServer.class,
            Map.of("assay.llm.deadline", "40s", "assay.llm.attempt-timeout", "30s")));
  }
}

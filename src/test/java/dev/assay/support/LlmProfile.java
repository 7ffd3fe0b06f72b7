package dev.assay.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** Runs the service with the LLM grader pointed at {@link FakeLlmServer}. */
public class LlmProfile implements QuarkusTestProfile {
  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(FakeLlmServer.class));
  }
}

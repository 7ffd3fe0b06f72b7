package dev.assay.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The model loaded before Quarkus starts is the one the service would load, and only for it. In a
 * JVM of its own (pom.xml): there, as in {@code main}, no Quarkus class loader holds the native
 * libraries yet.
 */
@Tag("before-quarkus")
class EarlyModelLoadTest {
  private static final String TEXT =
      "A vector index trades recall for latency; ef_search sets the trade.";

  @Test
  void theEarlyModelGoesOnceToTheServiceAndEmbedsAsItsOwnLoadWould() {
    assumeFalse(EarlyModelLoad.overridden(), "assay.embedding is set in this environment");
    EarlyModelLoad.Settings defaults = EarlyModelLoad.defaults();
    assertEquals("bge-small-en-v1.5-q", defaults.choice().key);
    assertEquals(1, defaults.threads());

    EarlyModelLoad.start();
    Optional<Embedder> early = EarlyModelLoad.take(defaults);
    assertTrue(early.isPresent(), "the defaults were loaded early");
    assertEquals(Optional.empty(), EarlyModelLoad.take(defaults), "handed out once");

    try (Embedder own = EmbeddingService.open(defaults)) {
      float[] expected = own.embedAll(List.of(TEXT)).get(0).vector();
      assertArrayEquals(expected, early.get().embedAll(List.of(TEXT)).get(0).vector(), 0f);
    }
  }

  @Test
  void anEarlyModelWithOtherSettingsThanConfiguredIsClosedNotKept() {
    EarlyModelLoad.Settings defaults = EarlyModelLoad.defaults();
    EarlyModelLoad.Settings twoThreads =
        new EarlyModelLoad.Settings(
            defaults.choice(), defaults.maxChunkTokens(), defaults.batchSize(), 2);
    Embedder model = EmbeddingService.open(defaults);

    assertEquals(
        Optional.empty(),
        EarlyModelLoad.claim(new EarlyModelLoad.Loaded(defaults, model), twoThreads));
    assertThrows(RuntimeException.class, () -> model.embedAll(List.of(TEXT)), "closed");
  }
}

package dev.assay.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
  @Test
  void theEarlyModelServesOnlyTheSettingsItWasLoadedWithAndEmbedsAsTheServiceWould() {
    assumeFalse(EarlyModelLoad.overridden(), "assay.embedding is set in this environment");
    EarlyModelLoad.Settings defaults = EarlyModelLoad.defaults();
    assertEquals("bge-small-en-v1.5-q", defaults.choice().key);
    assertEquals(1, defaults.threads());

    EarlyModelLoad.start();
    EarlyModelLoad.Settings otherThreads =
        new EarlyModelLoad.Settings(
            defaults.choice(), defaults.maxChunkTokens(), defaults.batchSize(), 2);
    assertEquals(Optional.empty(), EarlyModelLoad.take(otherThreads));
    Optional<Embedder> early = EarlyModelLoad.take(defaults);
    assertTrue(early.isPresent(), "the defaults were loaded early");

    String text = "A vector index trades recall for latency; ef_search sets the trade.";
    float[] expected = EmbeddingService.open(defaults).embedAll(List.of(text)).get(0).vector();
    assertArrayEquals(expected, early.get().embedAll(List.of(text)).get(0).vector(), 0f);
  }
}

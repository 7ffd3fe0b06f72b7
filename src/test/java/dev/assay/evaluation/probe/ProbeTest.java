package dev.assay.evaluation.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code assay probe} on a slice of the shipped SAF subset, through the real pipeline: every
 * perturbation is reported, applicable or not to each answer, and its figures agree with the graded
 * variants written to the report. (Whether filler raises scores is a measured property of the
 * grader, written in docs/fairness.md, not asserted here: today it does.)
 */
@QuarkusTest
class ProbeTest {
  @Inject ProbeCommand command;
  @Inject ObjectMapper json;

  @Test
  void reportsEveryPerturbationWithIntervalsFromItsGradedVariants() throws Exception {
    Path out = Files.createTempDirectory("assay-probe-test");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    ProbeReport report =
        command.run(new PrintStream(printed, true), SafSubset.slice(2, 4, "--out", out.toString()));

    assertEquals(8, report.answers());
    assertEquals(
        Arrays.stream(Perturbation.values()).map(Perturbation::wire).toList(),
        report.perturbations().stream().map(ProbeReport.Kind::kind).toList());
    ProbeReport written;
    try (Stream<Path> files = Files.list(out)) {
      Path file =
          files
              .filter(p -> p.getFileName().toString().startsWith("probe-saf"))
              .findFirst()
              .orElseThrow();
      written = json.readValue(file.toFile(), ProbeReport.class);
    }
    for (ProbeReport.Kind k : written.perturbations()) {
      assertEquals(8, k.applicable() + k.notApplicable(), k.kind());
      List<Double> shifts =
          written.shifts().stream()
              .filter(s -> s.kind().equals(k.kind()))
              .map(s -> s.variant() - s.base())
              .toList();
      assertEquals(k.applicable(), shifts.size(), k.kind());
      if (!shifts.isEmpty()) {
        double mean = shifts.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertEquals(mean, k.meanShift(), 1e-3, k.kind());
      }
      if (k.low() != null) {
        assertTrue(k.low() <= k.meanShift() && k.meanShift() <= k.high(), k.toString());
      }
    }
    ProbeReport.Kind filler = kind(written, "filler");
    ProbeReport.Kind name = kind(written, "name");
    assertEquals(8, filler.applicable());
    assertEquals(8, name.applicable());
    assertTrue(
        printed.toString().contains("filler that adds length, no content"), printed.toString());
  }

  private static ProbeReport.Kind kind(ProbeReport r, String kind) {
    return r.perturbations().stream().filter(k -> k.kind().equals(kind)).findFirst().orElseThrow();
  }
}

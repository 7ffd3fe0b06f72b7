package dev.assay.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Cohort data stays in one room: only dev.assay.fairness names the table or its classes, and no
 * other package (the grader, the LLM boundary, review, interviews, the probes) imports it. Read
 * from the sources, so a new dependency fails here before any request is made.
 */
class CohortIsolationTest {
  private static final Path MAIN = Path.of("src/main/java/dev/assay");

  private static List<Path> javaFiles() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      return files.filter(p -> p.toString().endsWith(".java")).toList();
    }
  }

  private static boolean inFairness(Path file) {
    return file.getParent().equals(MAIN.resolve("fairness"));
  }

  @Test
  void onlyTheFairnessPackageTouchesCohortData() throws IOException {
    List<Path> files = javaFiles();
    assertTrue(files.size() > 100, "the sources were found");
    List<String> offenders =
        files.stream()
            .filter(f -> !inFairness(f))
            .filter(
                f -> {
                  try {
                    String text = Files.readString(f);
                    return text.contains("candidate_cohort")
                        || text.matches("(?s).*import dev\\.assay\\.fairness\\.[A-Z].*")
                        || text.contains("dev.assay.fairness.Cohort");
                  } catch (IOException e) {
                    throw new IllegalStateException(e);
                  }
                })
            .map(Path::toString)
            .toList();
    assertEquals(List.of(), offenders);
  }

  @Test
  void theMigrationThatMakesTheTableIsTheOnlyOtherMention() throws IOException {
    try (Stream<Path> sql = Files.walk(Path.of("src/main/resources"))) {
      List<String> mentions =
          sql.filter(Files::isRegularFile)
              .filter(
                  p -> {
                    try {
                      return Files.readString(p).contains("candidate_cohort");
                    } catch (IOException e) {
                      return false;
                    }
                  })
              .map(p -> p.getFileName().toString())
              .toList();
      // V13 removes an evaluation run's scratch workspace with everything in it, cohort rows too.
      assertEquals(
          List.of("V12__candidate_cohorts.sql", "V13__scratch_workspaces.sql"),
          mentions.stream().sorted().toList());
    }
  }
}

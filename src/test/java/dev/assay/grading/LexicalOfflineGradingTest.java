package dev.assay.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.workspace.WorkspaceRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The offline grader's lexical neighbour weighting, chosen per configuration. */
@QuarkusTest
class LexicalOfflineGradingTest {
  @Inject GradingService grading;
  @Inject WorkspaceRepository workspaces;

  private static GraderConfig config(String name, Double lexicalWeight) {
    GraderSpec spec =
        new GraderSpec(
            "offline", null, null, 3, null, null, "retrieved", lexicalWeight, "knn", null);
    return new GraderConfig(null, name, 1, spec, "hash-" + name, null, null);
  }

  private GradeView grade(String answer, GraderConfig config) {
    long ws = QuarkusTransaction.requiringNew().call(() -> workspaces.defaultWorkspace().id);
    GradeRequest request =
        new GradeRequest(
            OfflineGradingTest.QUESTION, answer, "lexical-" + UUID.randomUUID(), List.of());
    return grading.grade(ws, request, null, null, config).grade();
  }

  @Test
  void aLexicalConfigurationIsItsOwnGraderVersionAndNeverReusesAnotherVersionsGrade() {
    String answer = OfflineGradingTest.WEAK_PARAPHRASE + " Run " + UUID.randomUUID() + ".";

    GradeView plain = grade(answer, config("plain", null));
    GradeView lexical = grade(answer, config("lexical", 0.3));
    GradeView lexicalAgain = grade(answer, config("lexical", 0.3));

    assertEquals("offline-knn-descriptor-v1", plain.provenance().grader());
    assertEquals("offline-knn-lexical-descriptor-v2@0.3", lexical.provenance().grader());
    assertEquals(null, lexical.reusedFrom(), "another grader version is not reused");
    assertEquals(lexical.id(), lexicalAgain.reusedFrom(), "the same version is");
    assertTrue(lexical.overall().score() >= 0 && lexical.overall().score() <= 4);
  }
}

package dev.assay.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.assay.platform.CanonicalJson;
import dev.assay.workspace.WorkspaceRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The start-up sync skips an import only when neither the bank files nor the workspace's bank rows
 * changed since the last one: a changed file, or an edit made through the API since, is imported
 * (and put back to the file's content) as before. Each test syncs into a workspace of its own.
 */
@QuarkusTest
class BankSyncTest {
  @Inject BankSync sync;
  @Inject BankImporter importer;
  @Inject WorkspaceRepository workspaces;
  @Inject QuestionRepository questions;
  @Inject RubricRepository rubrics;
  @Inject CanonicalJson canonical;

  private long newWorkspace() {
    String slug = "sync-" + UUID.randomUUID().toString().substring(0, 8);
    return QuarkusTransaction.requiringNew().call(() -> workspaces.create(slug, slug).id);
  }

  /** A new workspace into which {@code doc} was synced once. */
  private long syncedWorkspace(BankDocument doc) {
    long ws = newWorkspace();
    assertEquals(BankSync.Outcome.IMPORTED, sync.sync(ws, List.of(doc)));
    return ws;
  }

  /** One built-in question with its area: a bank file of one question. */
  private static BankDocument oneQuestion() {
    BankDocument all = BankFiles.builtIn();
    QuestionSpec q = all.questions().get(0);
    List<AreaSpec> area = all.areas().stream().filter(a -> a.key().equals(q.area())).toList();
    return new BankDocument(area, List.of(), null, List.of(q));
  }

  private static BankDocument with(BankDocument doc, QuestionSpec q) {
    return new BankDocument(doc.areas(), doc.roles(), null, List.of(q));
  }

  /** Read in a transaction of its own, so the row is the database's, not a cached entity. */
  private Question stored(long workspaceId, String slug) {
    return QuarkusTransaction.requiringNew()
        .call(() -> questions.bySlugs(workspaceId, List.of(slug)).get(slug));
  }

  private String activeRubricHash(long workspaceId, String slug) {
    long id = stored(workspaceId, slug).id;
    return QuarkusTransaction.requiringNew()
        .call(() -> rubrics.active(List.of(id)).get(id).contentHash);
  }

  @Test
  void anUnchangedBankIsImportedOnceThenSkipped() {
    long ws = newWorkspace();
    BankDocument doc = oneQuestion();
    String slug = doc.questions().get(0).id();

    assertEquals(BankSync.Outcome.IMPORTED, sync.sync(ws, List.of(doc)));
    assertEquals(doc.questions().get(0).title(), stored(ws, slug).title);
    String rows = sync.rowsHash(ws);

    assertEquals(BankSync.Outcome.SKIPPED, sync.sync(ws, List.of(doc)));
    assertEquals(BankSync.Outcome.SKIPPED, sync.sync(ws, List.of(oneQuestion())));
    assertEquals(rows, sync.rowsHash(ws), "a skipped sync writes nothing");
  }

  @Test
  void aChangedBankFileIsImported() {
    BankDocument doc = oneQuestion();
    QuestionSpec q = doc.questions().get(0);
    long ws = syncedWorkspace(doc);

    QuestionSpec retitled =
        new QuestionSpec(
            q.id(),
            q.title() + " (revised)",
            q.prompt(),
            q.area(),
            q.tags(),
            q.rubric(),
            q.exemplars().subList(1, q.exemplars().size()));
    BankDocument changed = with(doc, retitled);

    assertEquals(BankSync.Outcome.IMPORTED, sync.sync(ws, List.of(changed)));
    assertEquals(q.title() + " (revised)", stored(ws, q.id()).title);
    assertEquals(BankSync.Outcome.SKIPPED, sync.sync(ws, List.of(changed)));
    // A second document (an extra bank folder) is part of what was synced.
    assertEquals(BankSync.Outcome.IMPORTED, sync.sync(ws, List.of(changed, doc)));
    assertEquals(q.title(), stored(ws, q.id()).title);
  }

  @Test
  void anEditThroughTheApiSinceTheLastSyncIsPutBackToTheFile() {
    BankDocument doc = oneQuestion();
    QuestionSpec q = doc.questions().get(0);
    long ws = syncedWorkspace(doc);
    String fileRubric = canonical.hash(q.rubric());
    assertEquals(fileRubric, activeRubricHash(ws, q.id()));

    // What POST /api/v1/bank/import does: here a new rubric version for the built-in question.
    RubricSpec edited = new RubricSpec(q.rubric().scale() + 1, q.rubric().criteria());
    importer.importDocument(
        ws,
        with(
            doc,
            new QuestionSpec(
                q.id(), q.title(), q.prompt(), q.area(), q.tags(), edited, q.exemplars())));
    assertNotEquals(fileRubric, activeRubricHash(ws, q.id()));

    assertEquals(BankSync.Outcome.IMPORTED, sync.sync(ws, List.of(doc)));
    assertEquals(fileRubric, activeRubricHash(ws, q.id()));
    assertEquals(BankSync.Outcome.SKIPPED, sync.sync(ws, List.of(doc)));
  }
}

package dev.assay.bank;

import dev.assay.embedding.EmbeddingService;
import dev.assay.exemplar.ExemplarService;
import dev.assay.platform.CanonicalJson;
import dev.assay.platform.Hashing;
import dev.assay.platform.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The start-up import of bank files, skipped when nothing it would write has changed. Importing an
 * unchanged bank is idempotent but not free (it reads and compares every question and exemplar,
 * about two seconds of every start), so the sync records the hash of the files it imported and a
 * fingerprint of the workspace's bank rows right after; a start whose files (and embedding model)
 * and rows both still match skips it. A changed file, another model, or any edit of the workspace's
 * bank through the API since (a rubric version, an exemplar, a question) changes one of the two
 * hashes, and that start imports as before, putting the files' content back.
 */
@ApplicationScoped
class BankSync {
  private static final Logger LOG = Logger.getLogger(BankSync.class);

  /**
   * Every column the import writes or compares of the bank's own tables, per table, in a stable
   * order; the exemplars' part comes from their owner ({@link ExemplarService#fingerprint}).
   */
  private static final String ROWS_HASH =
      """
      SELECT md5(concat_ws('|',
        (SELECT string_agg(md5(a::text), '' ORDER BY a.id) FROM area a WHERE a.workspace_id = ?),
        (SELECT string_agg(md5(r::text), '' ORDER BY r.id) FROM role_profile r
          WHERE r.workspace_id = ?),
        (SELECT string_agg(md5(q::text), '' ORDER BY q.id) FROM question q
          WHERE q.workspace_id = ?),
        (SELECT string_agg(v.id::text, ',' ORDER BY v.id) FROM rubric_version v
          JOIN question q ON q.id = v.question_id WHERE q.workspace_id = ?)
      )) AS rows_hash
      """;

  /** What a start-up sync did. */
  enum Outcome {
    /** The files and the workspace's rows were as the last sync left them. */
    SKIPPED,
    /** The documents were imported (the first start, or something changed). */
    IMPORTED
  }

  private final BankImporter importer;
  private final CanonicalJson canonical;
  private final EmbeddingService embeddings;
  private final ExemplarService exemplars;
  private final Jdbc jdbc;

  BankSync(
      BankImporter importer,
      CanonicalJson canonical,
      EmbeddingService embeddings,
      ExemplarService exemplars,
      Jdbc jdbc) {
    this.importer = importer;
    this.canonical = canonical;
    this.embeddings = embeddings;
    this.exemplars = exemplars;
    this.jdbc = jdbc;
  }

  /** Imports {@code documents} in order into the workspace unless the last sync left it so. */
  Outcome sync(long workspaceId, List<BankDocument> documents) {
    String bankHash = bankHash(documents);
    String rowsHash = rowsHash(workspaceId);
    Optional<Synced> last = last(workspaceId);
    if (last.isPresent() && last.get().equals(new Synced(bankHash, rowsHash))) {
      LOG.infof("bank unchanged since its last sync: import skipped workspace=%d", workspaceId);
      return Outcome.SKIPPED;
    }
    documents.forEach(doc -> importer.importDocument(workspaceId, doc));
    record(workspaceId, new Synced(bankHash, rowsHash(workspaceId)));
    return Outcome.IMPORTED;
  }

  private String bankHash(List<BankDocument> documents) {
    StringBuilder all = new StringBuilder(embeddings.modelId());
    documents.forEach(doc -> all.append('|').append(canonical.hash(doc)));
    return Hashing.sha256(all.toString());
  }

  String rowsHash(long workspaceId) {
    String bankRows =
        jdbc.list(
                "fingerprint the bank of workspace " + workspaceId,
                ROWS_HASH,
                r -> r.string("rows_hash"),
                workspaceId,
                workspaceId,
                workspaceId,
                workspaceId)
            .get(0);
    List<Long> questionIds =
        jdbc.list(
            "list the questions of workspace " + workspaceId,
            "SELECT id FROM question WHERE workspace_id = ? ORDER BY id",
            r -> r.longValue("id"),
            workspaceId);
    return Hashing.sha256(bankRows + "|" + exemplars.fingerprint(questionIds));
  }

  private Optional<Synced> last(long workspaceId) {
    return jdbc.first(
        "read the last bank sync",
        "SELECT bank_hash, rows_hash FROM bank_sync WHERE workspace_id = ?",
        r -> new Synced(r.string("bank_hash"), r.string("rows_hash")),
        workspaceId);
  }

  private void record(long workspaceId, Synced synced) {
    jdbc.update(
        "record the bank sync",
        """
        INSERT INTO bank_sync (workspace_id, bank_hash, rows_hash) VALUES (?, ?, ?)
        ON CONFLICT (workspace_id) DO UPDATE SET bank_hash = EXCLUDED.bank_hash,
            rows_hash = EXCLUDED.rows_hash, synced_at = now()
        """,
        workspaceId,
        synced.bankHash(),
        synced.rowsHash());
  }

  private record Synced(String bankHash, String rowsHash) {}
}

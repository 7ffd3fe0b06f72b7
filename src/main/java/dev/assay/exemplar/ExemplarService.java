package dev.assay.exemplar;

import dev.assay.embedding.Embedding;
import dev.assay.embedding.EmbeddingService;
import dev.assay.platform.ApiException;
import dev.assay.platform.CanonicalJson;
import dev.assay.platform.Hashing;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Stores, lists and retrieves exemplars. Bulk synchronisation runs in two phases so that no
 * database transaction is held open while the model embeds: {@link #prepare} embeds new and changed
 * texts, {@link #apply} writes inside the caller's transaction.
 */
@ApplicationScoped
public class ExemplarService {
  public static final String ORIGIN_IMPORT = "import";
  public static final String ORIGIN_API = "api";
  public static final String ORIGIN_REVIEW = "review";

  private final ExemplarRepository repository;
  private final ExemplarVectors vectors;
  private final EmbeddingService embeddings;
  private final CanonicalJson canonical;
  private final Event<ExemplarsChanged> changed;

  ExemplarService(
      ExemplarRepository repository,
      ExemplarVectors vectors,
      EmbeddingService embeddings,
      CanonicalJson canonical,
      Event<ExemplarsChanged> changed) {
    this.repository = repository;
    this.vectors = vectors;
    this.embeddings = embeddings;
    this.canonical = canonical;
    this.changed = changed;
  }

  /** Vectors computed ahead of a write, keyed by exemplar text hash. */
  public record Prepared(Map<String, Embedding> byTextHash) {}

  /** What a synchronisation changed for one question. */
  public record SyncCounts(int created, int updated, int unchanged, int deactivated) {}

  /** The exemplars of one question; {@code questionId} is null for a question not yet stored. */
  public record QuestionExemplars(Long questionId, List<ExemplarSpec> specs) {}

  /**
   * Phase 1: embeds, in batches, every text that is not already stored with the current model under
   * the same question.
   */
  public Prepared prepare(List<QuestionExemplars> questions) {
    Map<Long, Map<String, ExemplarRepository.StoredState>> states =
        repository.states(
            questions.stream()
                .map(QuestionExemplars::questionId)
                .filter(Objects::nonNull)
                .toList());
    Set<String> seen = new HashSet<>();
    List<String> texts = new ArrayList<>();
    for (QuestionExemplars question : questions) {
      Map<String, ExemplarRepository.StoredState> stored =
          question.questionId() == null
              ? Map.of()
              : states.getOrDefault(question.questionId(), Map.of());
      for (ExemplarSpec spec : question.specs()) {
        String textHash = Hashing.md5(spec.text());
        if (needsEmbedding(stored.get(spec.id()), textHash) && seen.add(textHash)) {
          texts.add(spec.text());
        }
      }
    }
    Map<String, Embedding> vectors = new HashMap<>();
    List<Embedding> embedded = texts.isEmpty() ? List.of() : embeddings.embedAll(texts);
    for (int i = 0; i < texts.size(); i++) {
      vectors.put(Hashing.md5(texts.get(i)), embedded.get(i));
    }
    return new Prepared(vectors);
  }

  /**
   * Phase 2, inside the caller's transaction: makes the question's imported exemplars match {@code
   * specs} (upsert by id; imported ones missing from the list are deactivated).
   */
  public SyncCounts apply(
      Prepared prepared, long questionId, long rubricVersionId, List<ExemplarSpec> specs) {
    Map<String, ExemplarRepository.StoredState> stored =
        repository.states(List.of(questionId)).getOrDefault(questionId, Map.of());
    int created = 0;
    int updated = 0;
    int unchanged = 0;
    List<String> keep = new ArrayList<>();
    for (ExemplarSpec spec : specs) {
      keep.add(spec.id());
      ExemplarRepository.StoredState state = stored.get(spec.id());
      String contentHash = contentHash(spec);
      if (state != null
          && state.active()
          && state.contentHash().equals(contentHash)
          && state.rubricVersionId() == rubricVersionId
          && embeddings.modelId().equals(state.embeddingModel())) {
        unchanged++;
        continue;
      }
      String textHash = Hashing.md5(spec.text());
      Embedding vector =
          needsEmbedding(state, textHash)
              ? prepared.byTextHash().computeIfAbsent(textHash, h -> embeddings.embed(spec.text()))
              : null;
      ExemplarRepository.Row row =
          new ExemplarRepository.Row(
              questionId,
              rubricVersionId,
              ORIGIN_IMPORT,
              contentHash,
              spec,
              vector,
              embeddings.modelId());
      if (state == null) {
        repository.insert(row);
        created++;
      } else {
        repository.update(state.id(), row);
        updated++;
      }
    }
    int deactivated = repository.deactivateImportedExcept(questionId, keep);
    if (created + updated + deactivated > 0) {
      changed(questionId);
    }
    return new SyncCounts(created, updated, unchanged, deactivated);
  }

  /** Adds one exemplar through the API; 409 when the question already has that id. */
  public ExemplarView create(long questionId, long rubricVersionId, ExemplarSpec spec) {
    ExemplarSpec withId = withGeneratedId(spec);
    if (repository
        .states(List.of(questionId))
        .getOrDefault(questionId, Map.of())
        .containsKey(withId.id())) {
      throw ApiException.conflict(
          "exemplar-exists", "exemplar '" + withId.id() + "' already exists");
    }
    Embedding vector = embeddings.embed(withId.text());
    repository.insert(
        new ExemplarRepository.Row(
            questionId,
            rubricVersionId,
            ORIGIN_API,
            contentHash(withId),
            withId,
            vector,
            embeddings.modelId()));
    changed(questionId);
    return repository.list(questionId, null, true).stream()
        .filter(e -> e.id().equals(withId.id()))
        .findFirst()
        .orElseThrow();
  }

  /**
   * Stores a reviewed answer as a pending exemplar: embedded and kept, but inactive (never
   * retrieved) until the evaluation gate admits it. 409 when the id is taken.
   */
  public ExemplarView createPending(
      long questionId, long rubricVersionId, ExemplarSpec spec, UUID promotedFrom) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              if (repository
                  .states(List.of(questionId))
                  .getOrDefault(questionId, Map.of())
                  .containsKey(spec.id())) {
                throw ApiException.conflict(
                    "exemplar-exists", "exemplar '" + spec.id() + "' already exists");
              }
              long id =
                  repository.insert(
                      new ExemplarRepository.Row(
                          questionId,
                          rubricVersionId,
                          ORIGIN_REVIEW,
                          contentHash(spec),
                          spec,
                          embeddings.embed(spec.text()),
                          embeddings.modelId()));
              repository.markPending(id, promotedFrom);
              return repository.list(questionId, null, true).stream()
                  .filter(e -> e.id().equals(spec.id()))
                  .findFirst()
                  .orElseThrow();
            });
  }

  /** Database ids of the workspace's pending exemplars (promoted from reviews, not yet gated). */
  public List<Long> pendingIds(long workspaceId) {
    return repository.pendingIds(workspaceId);
  }

  /** Admits pending exemplars that passed the gate; returns {@code question/exemplar} ids. */
  public List<String> activatePending(long workspaceId, List<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    List<String> activated = repository.activatePending(workspaceId, ids);
    if (!activated.isEmpty()) {
      changed.fire(new ExemplarsChanged(workspaceId));
    }
    return activated;
  }

  public List<ExemplarView> list(long questionId, Label label, boolean includeInactive) {
    return repository.list(questionId, label, includeInactive);
  }

  /** Deactivates an exemplar; 404 when the question has none with that id. */
  public void deactivate(long questionId, String exemplarId) {
    if (!repository.deactivate(questionId, exemplarId)) {
      throw ApiException.notFound("exemplar", exemplarId);
    }
    changed(questionId);
  }

  private void changed(long questionId) {
    changed.fire(new ExemplarsChanged(repository.workspaceOf(questionId)));
  }

  /** The nearest {@code k} exemplars of each label to an already embedded answer. */
  public List<ExemplarMatch> nearest(long questionId, Embedding query, int k) {
    return vectors.nearest(questionId, query.vector(), k, embeddings.modelId());
  }

  /** The nearest {@code k} exemplars of each label to an answer, with cosine similarities. */
  public Retrieval retrieve(long questionId, String answer, int k) {
    Embedding query = embeddings.embed(answer);
    return new Retrieval(
        query,
        vectors.nearest(questionId, query.vector(), k, embeddings.modelId()),
        embeddings.modelId());
  }

  /** The result of a retrieval: the query vector (for later stages) and the matches. */
  public record Retrieval(Embedding query, List<ExemplarMatch> matches, String embeddingModel) {
    public List<ExemplarMatch> of(Label label) {
      return matches.stream().filter(m -> m.label() == label).toList();
    }
  }

  private boolean needsEmbedding(ExemplarRepository.StoredState state, String textHash) {
    return state == null
        || !state.textHash().equals(textHash)
        || !embeddings.modelId().equals(state.embeddingModel());
  }

  private String contentHash(ExemplarSpec spec) {
    return canonical.hash(spec);
  }

  /** The exemplar itself when it has an id, else a copy with a fresh random id. */
  public static ExemplarSpec withGeneratedId(ExemplarSpec spec) {
    return spec.id() != null
        ? spec
        : spec.withId("ex-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
  }

  /**
   * A hash of the given questions' exemplar rows as an import leaves them: any change through the
   * API (a new, edited, activated or deactivated exemplar, a re-embedding) changes it.
   */
  public String fingerprint(Collection<Long> questionIds) {
    return repository.fingerprint(questionIds);
  }

  /** Active exemplar counts by label for each of the questions. */
  public Map<Long, EnumMap<Label, Integer>> activeCounts(List<Long> questionIds) {
    return repository.activeCounts(questionIds);
  }
}

package dev.assay.scoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.assay.embedding.EmbeddingService;
import dev.assay.embedding.VectorCache;
import dev.assay.exemplar.ExemplarVectors;
import dev.assay.exemplar.ExemplarVectors.WithVector;
import dev.assay.exemplar.ExemplarsChanged;
import dev.assay.exemplar.Reembedder;
import dev.assay.platform.ApiException;
import dev.assay.platform.CanonicalJson;
import dev.assay.platform.Hashing;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Each workspace's learned offline scorer: trained from its active exemplars (leave one out),
 * shrunk toward the shipped prior, stored as immutable versions and retrained in the background
 * whenever its exemplars change. The first version becomes the workspace's model at once; a later
 * one replaces it only through the promotion gate ({@code POST /api/v1/promotions} with {@code
 * scorerModel}), like any configuration change.
 */
@ApplicationScoped
public class ScoringModels {
  private static final Logger LOG = Logger.getLogger(ScoringModels.class);

  /** Exemplars retrieved per label for each training row, as a grade retrieves by default. */
  public static final int TRAINING_K = 3;

  private final ScoringModelRepository repository;
  private final ExemplarVectors exemplars;
  private final EmbeddingService embeddings;
  private final EvidenceBuilder evidence;
  private final VectorCache vectors;
  private final CanonicalJson canonical;
  private final Optional<PriorModel> prior;
  private final Cache<Long, Resolved> byId = Caffeine.newBuilder().maximumSize(1_000).build();
  private final Set<Long> scheduled = ConcurrentHashMap.newKeySet();
  private final Duration startupCheckDelay;
  private final ScheduledExecutorService worker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "assay-scoring-trainer");
            t.setDaemon(true);
            return t;
          });

  ScoringModels(
      ScoringModelRepository repository,
      ExemplarVectors exemplars,
      EmbeddingService embeddings,
      EvidenceBuilder evidence,
      VectorCache vectors,
      CanonicalJson canonical,
      ObjectMapper json,
      @ConfigProperty(name = "assay.scoring.startup-check-delay", defaultValue = "20s")
          Duration startupCheckDelay) {
    this.startupCheckDelay = startupCheckDelay;
    this.repository = repository;
    this.exemplars = exemplars;
    this.embeddings = embeddings;
    this.evidence = evidence;
    this.vectors = vectors;
    this.canonical = canonical;
    this.prior = PriorModel.load(json, canonical, embeddings.choice().key());
    if (prior.isEmpty()) {
      LOG.warnf(
          "no shipped scoring model for embedding model %s: offline grading uses the kNN scorer",
          embeddings.modelId());
    }
  }

  /**
   * A model ready to score: {@code ref} is {@code v<N>} for a workspace's version N, or {@code
   * prior}; {@code hash} identifies its parameters.
   */
  public record Resolved(String ref, String hash, ScoringModel model) {}

  /** The shipped prior, when the build has one. */
  public Optional<PriorModel> prior() {
    return prior;
  }

  /**
   * The model a grade of the workspace uses: version {@code pinned} when a configuration pins one
   * (404 if the workspace has no such version), else the workspace's model, else the prior; empty
   * only in a build without a prior.
   */
  public Optional<Resolved> resolve(long workspaceId, Integer pinned) {
    if (pinned != null) {
      Resolved r =
          repository
              .byVersion(workspaceId, pinned)
              .map(this::resolved)
              .orElseThrow(() -> ApiException.notFound("scoring model", "v" + pinned));
      if (!readsThisDeployment(r)) {
        throw ApiException.conflict(
            "scoring-model-embedding-mismatch",
            "scoring model v%d learned from %s vectors; this deployment embeds with %s"
                .formatted(pinned, r.model().embeddingModel(), embeddings.modelId()));
      }
      return Optional.of(r);
    }
    Optional<Long> active = repository.activeId(workspaceId);
    if (active.isPresent()) {
      Resolved r = byId.get(active.get(), id -> resolved(repository.byId(id).orElseThrow()));
      if (readsThisDeployment(r)) {
        return Optional.of(r);
      }
      // Features from another model's vectors mean nothing to these weights: until a model
      // trained on this deployment's vectors is promoted, the shipped prior grades.
    }
    return prior.map(p -> new Resolved("prior", p.hash(), p.model()));
  }

  private boolean readsThisDeployment(Resolved r) {
    return r.model().embeddingModel().equals(embeddings.modelId());
  }

  /** Every stored version of the workspace's model, newest first. */
  public List<ScoringModelView> list(long workspaceId) {
    Optional<Long> active = repository.activeId(workspaceId);
    return repository.list(workspaceId).stream()
        .map(s -> ScoringModelView.of(s, active.map(a -> a == s.id()).orElse(false)))
        .toList();
  }

  /** Makes stored version {@code version} the workspace's unpinned model (the gate promoted it). */
  public void activate(long workspaceId, int version) {
    ScoringModelRepository.Stored s =
        repository
            .byVersion(workspaceId, version)
            .orElseThrow(() -> ApiException.notFound("scoring model", "v" + version));
    repository.activate(workspaceId, s.id());
  }

  void onExemplarsChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ExemplarsChanged e) {
    schedule(e.workspaceId());
  }

  /**
   * After start-up (and a re-embedding), every workspace's model is brought up to date with its
   * exemplars in the background: a new release's features or prior, or vectors re-embedded by
   * {@code assay reembed}, make a new version; unchanged data costs a hash. The start-up check
   * waits {@code assay.scoring.startup-check-delay} (20 s; none in the test profile) on the
   * trainer's thread: its first ORM queries and hashes took 10-15% of a start's CPU beside the
   * start, which nothing of the start waits for.
   */
  void onStart(@Observes StartupEvent event) {
    worker.schedule(
        () -> {
          try {
            scheduleAll();
          } catch (RuntimeException ex) {
            LOG.errorf(ex, "listing the workspaces whose scoring models to train failed");
          }
        },
        startupCheckDelay.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  void onReembedded(@Observes Reembedder.ExemplarsReembedded event) {
    scheduleAll();
  }

  private void scheduleAll() {
    repository.workspacesWithExemplars().forEach(this::schedule);
  }

  void onStop(@Observes ShutdownEvent event) {
    worker.shutdownNow();
  }

  /** Retrains the workspace's model in the background (repeated requests coalesce). */
  public void schedule(long workspaceId) {
    if (prior.isPresent() && scheduled.add(workspaceId)) {
      worker.submit(
          () -> {
            scheduled.remove(workspaceId);
            try {
              retrain(workspaceId);
            } catch (RuntimeException ex) {
              LOG.errorf(ex, "training the scoring model of workspace %d failed", workspaceId);
            }
          });
    }
  }

  /**
   * Trains the workspace's model on its active exemplars now, unless its latest version already
   * learned from exactly these (then that version is returned). Empty in a build without a prior.
   */
  public synchronized Optional<Resolved> retrain(long workspaceId) {
    if (prior.isEmpty()) {
      return Optional.empty();
    }
    long start = System.nanoTime();
    List<WithVector> rows = exemplars.activeWithVectors(workspaceId, embeddings.modelId());
    String dataHash = dataHash(rows);
    Optional<ScoringModelRepository.Stored> latest = repository.latest(workspaceId);
    if (latest.isPresent() && latest.get().dataHash().equals(dataHash)) {
      return resolve(workspaceId, null);
    }
    List<Trainer.Row> training = LeaveOneOut.rows(rows, TRAINING_K, evidence, vectors);
    if (!Trainer.enough(training)) {
      // Too few exemplars to learn from: the shipped prior serves, and no version is stored.
      return resolve(workspaceId, null);
    }
    ScoringModel model =
        Trainer.trainToward(
            prior.get().model(),
            training,
            "exemplars of the workspace, leave one out, shrunk toward prior " + shortHash());
    ScoringModelRepository.Inserted inserted =
        repository.insertIfChanged(workspaceId, dataHash, canonical.hash(model), model);
    Resolved resolved = resolved(inserted.stored());
    if (inserted.created()) {
      LOG.infof(
          "trained scoring model workspace=%d version=%s rows=%d lambda=%s activated=%s ms=%d",
          workspaceId,
          resolved.ref(),
          training.size(),
          model.training().lambda(),
          inserted.activated(),
          (System.nanoTime() - start) / 1_000_000);
    }
    return Optional.of(resolved);
  }

  /** What a model learned from: the exemplars, the features, the embedding model and the prior. */
  private String dataHash(List<WithVector> rows) {
    String exemplarKeys =
        rows.stream()
            .map(
                r ->
                    r.questionId()
                        + ":"
                        + r.contentHash()
                        + ":"
                        + r.exemplar().label().wire()
                        + ":"
                        + r.exemplar().score()
                        + "/"
                        + r.scale())
            .sorted()
            .collect(Collectors.joining(","));
    return Hashing.sha256(
        Features.VERSION
            + "|"
            + embeddings.modelId()
            + "|"
            + prior.map(PriorModel::hash).orElse("")
            + "|"
            + exemplarKeys);
  }

  private String shortHash() {
    return prior.map(p -> p.hash().substring(0, 12)).orElse("");
  }

  private Resolved resolved(ScoringModelRepository.Stored s) {
    return new Resolved("v" + s.version(), s.modelHash(), s.model());
  }
}

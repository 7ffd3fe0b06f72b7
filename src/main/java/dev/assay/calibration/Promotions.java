package dev.assay.calibration;

import dev.assay.evaluation.EvalOptions;
import dev.assay.evaluation.EvalReport;
import dev.assay.evaluation.EvalRunService;
import dev.assay.evaluation.GateSets;
import dev.assay.exemplar.ExemplarService;
import dev.assay.grading.GraderConfig;
import dev.assay.grading.GraderConfigs;
import dev.assay.grading.GraderSpec;
import dev.assay.platform.ApiException;
import dev.assay.queue.WorkItem;
import dev.assay.queue.WorkKind;
import dev.assay.queue.WorkQueue;
import dev.assay.scoring.ScoringModels;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The promotion gate. A request names a candidate configuration and/or asks for the workspace's
 * pending exemplars (answers promoted from reviews) to be admitted. Both the active configuration
 * and the candidate grade the workspace's gate set against the bank, as two stored runs on the same
 * answers; {@link Gate} decides. Only a passing candidate becomes active, and only then are the
 * pending exemplars it was measured with activated.
 */
@ApplicationScoped
class Promotions {
  private static final Logger LOG = Logger.getLogger(Promotions.class);

  /** A gate with no progress for this long is taken to have died with its process. */
  private static final int ABANDONED_AFTER_MINUTES = 15;

  private final GraderConfigs configs;
  private final GateSets gateSets;
  private final EvalRunService runs;
  private final WorkQueue queue;
  private final ExemplarService exemplars;
  private final PromotionRepository repository;
  private final GateConfig margins;
  private final ScoringModels scoring;

  Promotions(
      GraderConfigs configs,
      GateSets gateSets,
      EvalRunService runs,
      WorkQueue queue,
      ExemplarService exemplars,
      PromotionRepository repository,
      GateConfig margins,
      ScoringModels scoring) {
    this.configs = configs;
    this.gateSets = gateSets;
    this.runs = runs;
    this.queue = queue;
    this.exemplars = exemplars;
    this.repository = repository;
    this.margins = margins;
    this.scoring = scoring;
  }

  /**
   * Starts the gate in the background. {@code configRef} null means "the active configuration";
   * {@code includePending} null means "yes when no configuration is named".
   */
  PromotionRepository.PromotionView request(
      long ws, String configRef, Boolean includePending, UUID by) {
    GraderConfig active = configs.active(ws);
    GraderConfig candidate = configRef == null ? active : configs.find(ws, configRef);
    if (candidate.deploymentDefault() && !active.deploymentDefault()) {
      throw ApiException.unprocessable(
          "not-a-stored-configuration",
          "save the configuration under a name first (POST /api/v1/grader-configs)");
    }
    boolean withPending = includePending == null ? configRef == null : includePending;
    List<Long> pending = withPending ? exemplars.pendingIds(ws) : List.of();
    boolean newConfig = !Objects.equals(candidate.id(), active.id());
    if (!newConfig && pending.isEmpty()) {
      throw ApiException.unprocessable(
          "nothing-to-promote",
          withPending
              ? "the candidate is the active configuration and no exemplar is pending"
              : "the candidate is already the active configuration");
    }
    configs.check(candidate.spec());
    gateSets.require(ws);
    UUID id = UUID.randomUUID();
    start(id, ws, candidate, active, withPending, null, by);
    enqueue(id, ws, new PromotionJob(active.ref(), candidate.ref(), pending, null, by));
    return repository.get(ws, id);
  }

  /**
   * Gates version {@code version} of the workspace's scoring model: the active configuration as it
   * grades now against the same configuration pinned to that version. Only an unpinned learned
   * offline configuration follows the workspace's model, so only one can be gated this way.
   */
  PromotionRepository.PromotionView requestModel(
      long ws, PromotionResource.PromotionRequest request, UUID by) {
    if (request.config() != null || Boolean.TRUE.equals(request.includePendingExemplars())) {
      throw ApiException.unprocessable(
          "one-change-at-a-time",
          "gate a scoring model on its own, without a configuration or pending exemplars");
    }
    int version = request.scorerModel();
    GraderConfig active = configs.active(ws);
    GraderSpec spec = active.spec();
    if (spec.llm() || spec.knn() || spec.scorerModel() != null) {
      throw ApiException.unprocessable(
          "model-not-used",
          "the active configuration ("
              + spec.describe()
              + ") does not grade with the workspace's current scoring model; save one that"
              + " pins scorerModel and promote it instead");
    }
    ScoringModels.Resolved current = scoring.resolve(ws, null).orElseThrow();
    ScoringModels.Resolved proposed = scoring.resolve(ws, version).orElseThrow();
    if (current.ref().equals(proposed.ref())) {
      throw ApiException.unprocessable(
          "nothing-to-promote", "scoring model v" + version + " is already the workspace's model");
    }
    gateSets.require(ws);
    UUID id = UUID.randomUUID();
    start(id, ws, active, active, false, version, by);
    enqueue(id, ws, new PromotionJob(active.ref(), active.ref(), List.of(), version, by));
    return repository.get(ws, id);
  }

  private void start(
      UUID id,
      long ws,
      GraderConfig candidate,
      GraderConfig active,
      boolean withPending,
      Integer modelVersion,
      UUID by) {
    // A gate left by a version that ran gates in memory; the queue decides the fate of its own.
    repository
        .staleEvaluating(ws, ABANDONED_AFTER_MINUTES)
        .filter(stale -> !queue.pending(stale))
        .ifPresent(
            stale ->
                repository.decide(
                    stale,
                    "failed",
                    Map.of(
                        "error",
                        "abandoned: no progress for "
                            + ABANDONED_AFTER_MINUTES
                            + " minutes (service stopped?)"),
                    List.of()));
    if (!repository.insert(id, ws, candidate.id(), active.id(), withPending, modelVersion, by)) {
      throw ApiException.conflict(
          "gate-busy", "another promotion of this workspace is still being evaluated");
    }
  }

  PromotionRepository.PromotionView get(long ws, UUID id) {
    return repository.get(ws, id);
  }

  List<PromotionRepository.PromotionView> list(long ws, int page, int size) {
    return repository.list(ws, page, size);
  }

  /** What the queue stores for a gate: its configurations by reference, rebuilt on claim. */
  record PromotionJob(
      String activeRef, String candidateRef, List<Long> pending, Integer modelVersion, UUID by) {}

  private void enqueue(UUID id, long ws, PromotionJob job) {
    queue.enqueue(new WorkQueue.NewItem(WorkKind.PROMOTION, ws, null, null, id, job));
  }

  /**
   * Runs the gate of promotion {@code id} under the queue's {@code claim}. The configurations are
   * those named at request time; a scoring-model gate pins the active one to the model's version.
   */
  void evaluate(UUID id, long ws, PromotionJob job, WorkItem claim) {
    GraderConfig active = configs.find(ws, job.activeRef());
    GraderConfig candidate =
        job.modelVersion() == null
            ? configs.find(ws, job.candidateRef())
            : active.withSpec(
                active.spec().withScorerModel(job.modelVersion()),
                "scoring model v" + job.modelVersion());
    evaluate(
        id,
        ws,
        gateSets.require(ws),
        active,
        candidate,
        job.pending(),
        job.modelVersion(),
        job.by(),
        claim);
  }

  /** The queue gave up on the gate: it is failed with the reason. */
  void gaveUp(UUID id, String reason) {
    repository.decide(id, "failed", Map.of("error", reason), List.of());
  }

  private void heartbeat(UUID id, int done) {
    if (done % 25 == 0) {
      repository.touch(id);
    }
  }

  private void evaluate(
      UUID id,
      long ws,
      GateSets.GateSet gate,
      GraderConfig active,
      GraderConfig candidate,
      List<Long> pending,
      Integer modelVersion,
      UUID by,
      WorkItem claim) {
    try {
      EvalOptions options = EvalOptions.gate();
      EvalReport baseline =
          runs.runNow(
              new EvalRunService.Plan(
                  ws, "gate", gate.name(), gate.rows(), options, active, false, by),
              claim,
              (done, total) -> heartbeat(id, done));
      EvalReport challenger =
          runs.runNow(
              new EvalRunService.Plan(
                  ws, "gate", gate.name(), gate.rows(), options, candidate, !pending.isEmpty(), by),
              claim,
              (done, total) -> heartbeat(id, done));
      repository.runs(id, UUID.fromString(baseline.runId()), UUID.fromString(challenger.runId()));
      Gate.Decision decision = Gate.decide(baseline, challenger, margins);
      Map<String, Object> recorded = new LinkedHashMap<>();
      recorded.put("gate", decision);
      recorded.put("pendingExemplarsMeasured", pending.size());
      if (!decision.promote()) {
        repository.decide(id, "refused", recorded, List.of());
        LOG.infof("promotion %s refused: %s", id, decision.reasons());
        return;
      }
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                if (!Objects.equals(configs.active(ws).id(), active.id())) {
                  recorded.put(
                      "gate",
                      decision.refusedBecause(
                          "the active configuration changed while the gate ran"));
                  repository.decide(id, "refused", recorded, List.of());
                  return;
                }
                if (modelVersion != null) {
                  scoring.activate(ws, modelVersion);
                } else {
                  configs.activate(ws, candidate.id());
                }
                List<String> activated = exemplars.activatePending(ws, pending);
                repository.decide(id, "promoted", recorded, activated);
              });
      LOG.infof("promotion %s: %s is active", id, candidate.ref());
    } catch (ApiException e) {
      // Cannot succeed on a retry (e.g. a configuration was removed): the queue fails it for good.
      Map<String, Object> failure = new LinkedHashMap<>();
      failure.put("error", e.getMessage());
      repository.decide(id, "failed", failure, List.of());
      throw e;
    }
  }
}

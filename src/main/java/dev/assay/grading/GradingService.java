package dev.assay.grading;

import dev.assay.bank.QuestionService;
import dev.assay.bank.QuestionService.QuestionRef;
import dev.assay.embedding.EmbeddingService;
import dev.assay.metrics.Metrics;
import dev.assay.platform.ApiException;
import dev.assay.scoring.ScoringModels;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Grades and logs answers: runs the {@link GradingPipeline} with the workspace's active
 * configuration, writes the one log row (no database connection is held while the LLM works, and
 * every accepted grade is logged exactly once), replays idempotent requests, and offers the answer
 * to the shadow configuration. Also the read side of the grade log.
 */
@ApplicationScoped
public class GradingService {
  private static final Logger LOG = Logger.getLogger(GradingService.class);

  private final QuestionService questions;
  private final GradingPipeline pipeline;
  private final EmbeddingService embeddings;
  private final GradeRepository grades;
  private final GradingMetrics metrics;
  private final GraderConfigs configs;
  private final ShadowGrading shadow;

  GradingService(
      QuestionService questions,
      GradingPipeline pipeline,
      EmbeddingService embeddings,
      GradeRepository grades,
      GradingMetrics metrics,
      GraderConfigs configs,
      ShadowGrading shadow) {
    this.questions = questions;
    this.pipeline = pipeline;
    this.embeddings = embeddings;
    this.grades = grades;
    this.metrics = metrics;
    this.configs = configs;
    this.shadow = shadow;
  }

  /** The logged grade, and whether this request created it (false: an idempotent replay). */
  public record Accepted(GradeView grade, boolean created) {}

  /**
   * Grades and logs one answer with the workspace's active configuration, and hands it to the
   * shadow configuration if one is set. {@code createdBy} is the API key of the caller; an
   * idempotency key replays only that caller's own grade.
   */
  public Accepted grade(
      long workspaceId, GradeRequest request, String idempotencyKey, UUID createdBy) {
    GraderConfigs.Assignment assigned = configs.assignment(workspaceId);
    Accepted accepted = grade(workspaceId, request, idempotencyKey, createdBy, assigned.active());
    if (accepted.created()) {
      assigned
          .shadow()
          .ifPresent(s -> shadow.offer(workspaceId, accepted.grade().id(), request, s));
    }
    return accepted;
  }

  /**
   * Grades and logs one answer with {@code config}; internal runs such as evaluations pass a null
   * {@code createdBy}.
   */
  public Accepted grade(
      long workspaceId,
      GradeRequest request,
      String idempotencyKey,
      UUID createdBy,
      GraderConfig config) {
    return grade(workspaceId, request, idempotencyKey, createdBy, config, null);
  }

  /**
   * As above, with the learned scorer's model given rather than resolved in this workspace: an
   * evaluation of another workspace's configuration grades with that workspace's model.
   */
  public Accepted grade(
      long workspaceId,
      GradeRequest request,
      String idempotencyKey,
      UUID createdBy,
      GraderConfig config,
      ScoringModels.Resolved model) {
    if (idempotencyKey != null) {
      Optional<GradeRepository.Keyed> replay =
          grades.findByIdempotencyKey(workspaceId, idempotencyKey);
      if (replay.isPresent()) {
        return replayed(replay.get(), createdBy);
      }
    }
    Stages stages = new Stages(metrics);
    QuestionRef question = questions.resolve(workspaceId, request.questionId());
    GradingPipeline.Computed c =
        pipeline.compute(workspaceId, request, question, config, model, stages, true);
    GradeRepository.NewGrade row =
        new GradeRepository.NewGrade(
            UUID.randomUUID(),
            workspaceId,
            question.id(),
            question.rubricVersionId(),
            request.candidateRef(),
            request.tags(),
            idempotencyKey,
            request.answer(),
            c.answerKey(),
            c.input().answerVector() == null ? null : c.input().answerVector().vector(),
            c.graded().mode(),
            Metrics.round(c.overall(), 3),
            question.rubric().scale(),
            Metrics.round(100 * c.overall() / question.rubric().scale(), 2),
            Metrics.round(c.confidence(), 3),
            c.flags(),
            c.graded().criteria(),
            c.graded().rationale(),
            c.provenance(),
            c.dedupKey(),
            c.graded().reusedFrom(),
            c.graded().rawOutputs(),
            createdBy,
            config.id(),
            embeddings.modelId());
    boolean inserted = stages.time("persist", () -> grades.insert(row));
    if (!inserted) {
      // A concurrent request with the same idempotency key was logged first: answer with that one.
      return replayed(
          grades.findByIdempotencyKey(workspaceId, idempotencyKey).orElseThrow(), createdBy);
    }
    metrics.graded(c.graded().mode(), c.flags());
    LOG.infof(
        "graded id=%s question=%s config=%s mode=%s overall=%.2f confidence=%.2f flags=%s"
            + " totalMs=%d",
        row.id(),
        question.slug(),
        config.ref(),
        c.graded().mode().wire(),
        c.overall(),
        c.confidence(),
        c.flags(),
        stages.totalMs());
    // The log row cannot hold the time it took to write itself: the response adds it.
    return new Accepted(grades.logged(workspaceId, row.id(), stages.snapshot()), true);
  }

  /**
   * A grade of the workspace; {@code owner} limits it to grades that key logged (404 otherwise).
   */
  public GradeView get(long workspaceId, UUID id, UUID owner) {
    return grades
        .find(workspaceId, id, owner)
        .orElseThrow(() -> ApiException.notFound("grade", id.toString()));
  }

  private static Accepted replayed(GradeRepository.Keyed logged, UUID caller) {
    if (!java.util.Objects.equals(logged.createdByKey(), caller)) {
      throw ApiException.conflict(
          "idempotency-key-in-use", "this Idempotency-Key was used by another client");
    }
    return new Accepted(logged.grade(), false);
  }

  /** One page of the log, newest first. */
  public record Page(List<GradeView> items, int page, int size, long total) {}

  public Page list(long workspaceId, GradeQuery query, UUID owner, int page, int size) {
    Long questionId =
        query.questionId() == null ? null : questions.resolve(workspaceId, query.questionId()).id();
    GradeRepository.Filter filter =
        new GradeRepository.Filter(
            questionId,
            query.candidateRef(),
            query.mode(),
            query.flag(),
            query.from(),
            query.to(),
            owner,
            query.stale());
    return new Page(
        grades.list(workspaceId, filter, page, size),
        page,
        size,
        grades.count(workspaceId, filter));
  }
}

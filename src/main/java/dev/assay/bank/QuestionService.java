package dev.assay.bank;

import dev.assay.exemplar.ExemplarService;
import dev.assay.exemplar.ExemplarSpec;
import dev.assay.exemplar.ExemplarView;
import dev.assay.exemplar.Label;
import dev.assay.platform.ApiException;
import dev.assay.platform.Problem.FieldError;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads and changes the question bank of a workspace. */
@ApplicationScoped
public class QuestionService {
  private final QuestionRepository questionRows;
  private final RubricRepository rubricRows;
  private final AreaRepository areas;
  private final RoleRepository roles;
  private final BankImporter importer;
  private final ExemplarService exemplars;

  QuestionService(
      QuestionRepository questionRows,
      RubricRepository rubricRows,
      AreaRepository areas,
      RoleRepository roles,
      BankImporter importer,
      ExemplarService exemplars) {
    this.questionRows = questionRows;
    this.rubricRows = rubricRows;
    this.areas = areas;
    this.roles = roles;
    this.importer = importer;
    this.exemplars = exemplars;
  }

  /** A question resolved for grading: its database id and active rubric. */
  public record QuestionRef(
      long id,
      String slug,
      String title,
      String prompt,
      String area,
      long rubricVersionId,
      int rubricVersion,
      RubricSpec rubric) {}

  /** The question with that id in the workspace and its active rubric; 404 when absent. */
  public QuestionRef resolve(long workspaceId, String slug) {
    return QuarkusTransaction.joiningExisting()
        .call(
            () -> {
              Question q = require(workspaceId, slug);
              RubricVersion r = rubricRows.active(List.of(q.id)).get(q.id);
              return new QuestionRef(
                  q.id,
                  q.slug,
                  q.title,
                  q.prompt,
                  q.areaKey,
                  r.id,
                  r.version,
                  new RubricSpec(r.scale, r.criteria));
            });
  }

  BankViews.Page<BankViews.QuestionSummary> list(
      long workspaceId, String area, String tag, int page, int size) {
    return QuarkusTransaction.joiningExisting()
        .call(
            () -> {
              if (area != null && !areas.of(workspaceId).containsKey(area)) {
                throw ApiException.badField("area", "unknown area; GET /api/v1/areas lists them");
              }
              List<Question> questions = questionRows.page(workspaceId, area, tag, page, size);
              List<Long> ids = questions.stream().map(q -> q.id).toList();
              Map<Long, RubricVersion> rubrics = rubricRows.active(ids);
              Map<Long, java.util.EnumMap<Label, Integer>> counts = exemplarCounts(ids);
              List<BankViews.QuestionSummary> items =
                  questions.stream()
                      .map(
                          q ->
                              new BankViews.QuestionSummary(
                                  q.slug,
                                  q.title,
                                  q.areaKey,
                                  q.tags,
                                  rubrics.get(q.id).version,
                                  rubrics.get(q.id).criteria.size(),
                                  BankViews.ExemplarCounts.of(counts.get(q.id))))
                      .toList();
              return new BankViews.Page<>(
                  items, page, size, questionRows.count(workspaceId, area, tag));
            });
  }

  BankViews.QuestionDetail get(long workspaceId, String slug) {
    return QuarkusTransaction.joiningExisting()
        .call(
            () -> {
              Question q = require(workspaceId, slug);
              RubricVersion r = rubricRows.active(List.of(q.id)).get(q.id);
              return new BankViews.QuestionDetail(
                  q.slug,
                  q.title,
                  q.prompt,
                  q.areaKey,
                  q.tags,
                  BankViews.RubricView.of(r),
                  BankViews.ExemplarCounts.of(exemplarCounts(List.of(q.id)).get(q.id)),
                  q.createdAt,
                  q.updatedAt);
            });
  }

  /** Creates a question (with its rubric and optional exemplars); 409 when the id is taken. */
  BankViews.QuestionDetail create(long workspaceId, QuestionSpec spec) {
    List<FieldError> errors = new ArrayList<>();
    boolean exists =
        QuarkusTransaction.joiningExisting()
            .call(
                () -> {
                  BankRules.checkQuestion(spec, areas.of(workspaceId).keySet(), "", errors);
                  return questionRows.bySlug(workspaceId, spec.id()).isPresent();
                });
    if (!errors.isEmpty()) {
      throw ApiException.badFields(errors);
    }
    if (exists) {
      throw ApiException.conflict("question-exists", "question '" + spec.id() + "' already exists");
    }
    List<ExemplarSpec> withIds =
        spec.exemplars().stream().map(ExemplarService::withGeneratedId).toList();
    QuestionSpec complete =
        new QuestionSpec(
            spec.id(),
            spec.title(),
            spec.prompt(),
            spec.area(),
            spec.tags(),
            spec.rubric(),
            withIds);
    importer.importDocument(workspaceId, new BankDocument(null, null, null, List.of(complete)));
    return get(workspaceId, spec.id());
  }

  List<BankViews.RubricView> rubricVersions(long workspaceId, String slug) {
    return QuarkusTransaction.joiningExisting()
        .call(
            () ->
                rubricRows.versions(require(workspaceId, slug).id).stream()
                    .map(BankViews.RubricView::of)
                    .toList());
  }

  /**
   * Adds a rubric version. Returns the new version, or the active one unchanged when {@code spec}
   * is identical to it (so retries are harmless).
   */
  RubricCreation addRubricVersion(long workspaceId, String slug, RubricSpec spec) {
    List<FieldError> errors = new ArrayList<>();
    BankRules.checkRubric(spec, "", errors);
    if (!errors.isEmpty()) {
      throw ApiException.badFields(errors);
    }
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              questionRows.lockWorkspace(workspaceId);
              Question q = require(workspaceId, slug);
              RubricVersion active = rubricRows.active(List.of(q.id)).get(q.id);
              RubricVersion result = importer.rubricFor(q, spec, active, null);
              return new RubricCreation(BankViews.RubricView.of(result), result != active);
            });
  }

  record RubricCreation(BankViews.RubricView rubric, boolean created) {}

  ExemplarView addExemplar(long workspaceId, String slug, ExemplarSpec spec) {
    QuestionRef q = resolve(workspaceId, slug);
    List<FieldError> errors = new ArrayList<>();
    BankRules.checkExemplar(q.rubric(), spec, "", errors);
    if (!errors.isEmpty()) {
      throw ApiException.badFields(errors);
    }
    return exemplars.create(q.id(), q.rubricVersionId(), spec);
  }

  List<ExemplarView> exemplars(
      long workspaceId, String slug, Label label, boolean includeInactive) {
    return exemplars.list(resolve(workspaceId, slug).id(), label, includeInactive);
  }

  void deactivateExemplar(long workspaceId, String slug, String exemplarId) {
    exemplars.deactivate(resolve(workspaceId, slug).id(), exemplarId);
  }

  ExemplarService.Retrieval retrieve(long workspaceId, String slug, String answer, int k) {
    return exemplars.retrieve(resolve(workspaceId, slug).id(), answer, k);
  }

  List<BankViews.AreaView> areas(long workspaceId) {
    return QuarkusTransaction.joiningExisting()
        .call(
            () ->
                areas.of(workspaceId).values().stream()
                    .sorted(java.util.Comparator.comparing(a -> a.id))
                    .map(a -> new BankViews.AreaView(a.key, a.title, a.description))
                    .toList());
  }

  List<BankViews.RoleView> roles(long workspaceId) {
    return QuarkusTransaction.joiningExisting()
        .call(
            () ->
                roles.of(workspaceId).stream()
                    .map(r -> new BankViews.RoleView(r.slug, r.name, r.description, r.areaWeights))
                    .toList());
  }

  /**
   * The named questions of a workspace as a bank document (active rubric, exemplars that are active
   * and, with {@code includePending}, pending ones), so another workspace can import a copy.
   * Questions that do not exist are left out.
   */
  public BankDocument snapshot(long workspaceId, Collection<String> slugs, boolean includePending) {
    return QuarkusTransaction.joiningExisting()
        .call(
            () -> {
              Map<String, Question> found = questionRows.bySlugs(workspaceId, slugs);
              Map<Long, RubricVersion> rubrics =
                  rubricRows.active(found.values().stream().map(q -> q.id).toList());
              List<QuestionSpec> specs = new ArrayList<>();
              for (Question q : found.values()) {
                RubricVersion r = rubrics.get(q.id);
                List<ExemplarSpec> shots =
                    exemplars.list(q.id, null, true).stream()
                        .filter(e -> e.active() || (includePending && "pending".equals(e.status())))
                        .map(QuestionService::spec)
                        .toList();
                specs.add(
                    new QuestionSpec(
                        q.slug,
                        q.title,
                        q.prompt,
                        q.areaKey,
                        q.tags,
                        new RubricSpec(r.scale, r.criteria),
                        shots));
              }
              List<AreaSpec> areaSpecs =
                  areas.of(workspaceId).values().stream()
                      .map(a -> new AreaSpec(a.key, a.title, a.description))
                      .toList();
              return new BankDocument(areaSpecs, List.of(), null, specs);
            });
  }

  private static ExemplarSpec spec(ExemplarView e) {
    return new ExemplarSpec(
        e.id(), e.label(), e.score(), e.criterionScores(), e.rationale(), e.source(), e.text());
  }

  /** Imports a bank document into a workspace (see {@link BankImporter}). */
  public BankViews.ImportReport importDocument(long workspaceId, BankDocument doc) {
    return importer.importDocument(workspaceId, doc);
  }

  private Map<Long, java.util.EnumMap<Label, Integer>> exemplarCounts(List<Long> ids) {
    return exemplars.activeCounts(ids);
  }

  /** The database id of the workspace's question with that slug, if there is one. */
  public Optional<Long> idOf(long workspaceId, String slug) {
    return QuarkusTransaction.joiningExisting()
        .call(() -> questionRows.bySlug(workspaceId, slug).map(q -> q.id));
  }

  private Question require(long workspaceId, String slug) {
    return questionRows
        .bySlug(workspaceId, slug)
        .orElseThrow(() -> ApiException.notFound("question", slug));
  }
}

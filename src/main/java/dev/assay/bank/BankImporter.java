package dev.assay.bank;

import dev.assay.exemplar.ExemplarService;
import dev.assay.exemplar.ExemplarService.QuestionExemplars;
import dev.assay.exemplar.ExemplarService.SyncCounts;
import dev.assay.platform.ApiException;
import dev.assay.platform.CanonicalJson;
import dev.assay.platform.Problem.FieldError;
import dev.assay.platform.Violations;
import dev.assay.scoring.ScoringModels;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Imports bank documents idempotently: questions, areas and roles are upserted by id, a changed
 * rubric becomes a new immutable version, exemplars are upserted by id and imported ones missing
 * from the document are deactivated. Texts are embedded before the write transaction opens.
 */
@ApplicationScoped
class BankImporter {
  private static final Logger LOG = Logger.getLogger(BankImporter.class);

  private final QuestionRepository questionRows;
  private final RubricRepository rubricRows;
  private final AreaRepository areas;
  private final RoleRepository roles;
  private final ExemplarService exemplars;
  private final CanonicalJson canonical;
  private final Validator validator;
  private final ScoringModels scoring;

  BankImporter(
      QuestionRepository questionRows,
      RubricRepository rubricRows,
      AreaRepository areas,
      RoleRepository roles,
      ExemplarService exemplars,
      CanonicalJson canonical,
      Validator validator,
      ScoringModels scoring) {
    this.questionRows = questionRows;
    this.rubricRows = rubricRows;
    this.areas = areas;
    this.roles = roles;
    this.exemplars = exemplars;
    this.canonical = canonical;
    this.validator = validator;
    this.scoring = scoring;
  }

  /** Validates the whole document (every error reported at once), then imports it. */
  BankViews.ImportReport importDocument(long workspaceId, BankDocument document) {
    long start = System.nanoTime();
    BankDocument doc = BankDocument.merge(List.of(document));
    List<FieldError> errors = new ArrayList<>(Violations.fieldErrors(validator.validate(doc), ""));
    Map<String, Question> existing =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  BankRules.checkDocument(doc, areas.of(workspaceId).keySet(), errors);
                  return questionRows.bySlugs(
                      workspaceId, doc.questions().stream().map(QuestionSpec::id).toList());
                });
    if (!errors.isEmpty()) {
      throw ApiException.badFields(errors);
    }
    ExemplarService.Prepared prepared =
        exemplars.prepare(
            doc.questions().stream()
                .map(q -> new QuestionExemplars(idOf(existing.get(q.id())), q.exemplars()))
                .toList());
    Tally tally = QuarkusTransaction.requiringNew().call(() -> write(workspaceId, doc, prepared));
    // The scoring model learns from the exemplars just written: grades after the import use it.
    scoring.retrain(workspaceId);
    BankViews.ImportReport report = tally.report((System.nanoTime() - start) / 1_000_000);
    LOG.infof("bank import workspace=%d %s", workspaceId, report);
    return report;
  }

  private Tally write(long workspaceId, BankDocument doc, ExemplarService.Prepared prepared) {
    questionRows.lockWorkspace(workspaceId);
    Tally tally = new Tally();
    upsertAreas(workspaceId, doc.areas(), tally);
    upsertRoles(workspaceId, doc.roles(), tally);
    Map<String, Question> stored =
        questionRows.bySlugs(workspaceId, doc.questions().stream().map(QuestionSpec::id).toList());
    Map<Long, RubricVersion> rubrics =
        rubricRows.active(stored.values().stream().map(q -> q.id).toList());
    for (QuestionSpec spec : doc.questions()) {
      Question question = upsertQuestion(workspaceId, spec, stored.get(spec.id()), tally);
      RubricVersion rubric = rubricFor(question, spec.rubric(), rubrics.get(question.id), tally);
      tally.add(exemplars.apply(prepared, question.id, rubric.id, spec.exemplars()));
    }
    return tally;
  }

  private void upsertAreas(long workspaceId, List<AreaSpec> specs, Tally tally) {
    Map<String, Area> stored = areas.of(workspaceId);
    for (AreaSpec spec : specs) {
      Area area = stored.get(spec.key());
      boolean created = area == null;
      if (created) {
        area = new Area();
        area.workspaceId = workspaceId;
        area.key = spec.key();
      }
      area.title = spec.title();
      area.description = spec.description();
      if (created) {
        areas.persist(area);
      }
      tally.areas++;
    }
  }

  private void upsertRoles(long workspaceId, List<RoleSpec> specs, Tally tally) {
    Map<String, RoleProfile> stored = new HashMap<>();
    roles.of(workspaceId).forEach(r -> stored.put(r.slug, r));
    for (RoleSpec spec : specs) {
      RoleProfile role = stored.get(spec.id());
      boolean created = role == null;
      if (created) {
        role = new RoleProfile();
        role.workspaceId = workspaceId;
        role.slug = spec.id();
      }
      role.name = spec.name();
      role.description = spec.description();
      role.areaWeights = Map.copyOf(spec.areaWeights());
      if (created) {
        roles.persist(role);
      }
      tally.roles++;
    }
  }

  private Question upsertQuestion(
      long workspaceId, QuestionSpec spec, Question question, Tally tally) {
    if (question == null) {
      question = new Question();
      question.workspaceId = workspaceId;
      question.slug = spec.id();
      copy(spec, question);
      questionRows.persist(question);
      tally.questionsCreated++;
    } else if (differs(spec, question)) {
      copy(spec, question);
      tally.questionsUpdated++;
    } else {
      tally.questionsUnchanged++;
    }
    return question;
  }

  /** The active rubric if it matches {@code spec}, otherwise a new version. */
  RubricVersion rubricFor(Question question, RubricSpec spec, RubricVersion active, Tally tally) {
    String hash = canonical.hash(spec);
    if (active != null && active.contentHash.equals(hash)) {
      return active;
    }
    RubricVersion next = new RubricVersion();
    next.questionId = question.id;
    next.version = active == null ? 1 : active.version + 1;
    next.scale = spec.scale();
    next.criteria = List.copyOf(spec.criteria());
    next.contentHash = hash;
    rubricRows.persist(next);
    if (tally != null) {
      tally.rubricVersionsCreated++;
    }
    return next;
  }

  private static boolean differs(QuestionSpec spec, Question q) {
    return !(spec.title().equals(q.title)
        && spec.prompt().equals(q.prompt)
        && spec.area().equals(q.areaKey)
        && spec.tags().equals(q.tags));
  }

  private static void copy(QuestionSpec spec, Question q) {
    q.title = spec.title();
    q.prompt = spec.prompt();
    q.areaKey = spec.area();
    q.tags = List.copyOf(spec.tags());
  }

  private static Long idOf(Question q) {
    return q == null ? null : Objects.requireNonNull(q.id);
  }

  /** Running counts of one import. */
  static final class Tally {
    int areas;
    int roles;
    int questionsCreated;
    int questionsUpdated;
    int questionsUnchanged;
    int rubricVersionsCreated;
    int exemplarsCreated;
    int exemplarsUpdated;
    int exemplarsUnchanged;
    int exemplarsDeactivated;

    void add(SyncCounts c) {
      exemplarsCreated += c.created();
      exemplarsUpdated += c.updated();
      exemplarsUnchanged += c.unchanged();
      exemplarsDeactivated += c.deactivated();
    }

    BankViews.ImportReport report(long durationMs) {
      return new BankViews.ImportReport(
          areas,
          roles,
          questionsCreated,
          questionsUpdated,
          questionsUnchanged,
          rubricVersionsCreated,
          exemplarsCreated,
          exemplarsUpdated,
          exemplarsUnchanged,
          exemplarsDeactivated,
          durationMs);
    }
  }
}

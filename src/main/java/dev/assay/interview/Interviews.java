package dev.assay.interview;

import dev.assay.bank.QuestionService;
import dev.assay.bank.RoleProfiles;
import dev.assay.platform.ApiException;
import dev.assay.platform.Problem.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Interviews: open one, read it, list them, its scorecard, and several side by side. */
@ApplicationScoped
class Interviews {
  private final InterviewRepository repository;
  private final RoleProfiles roles;
  private final QuestionService questions;
  private final Scorecards scorecards;
  private final InterviewConfig config;

  Interviews(
      InterviewRepository repository,
      RoleProfiles roles,
      QuestionService questions,
      Scorecards scorecards,
      InterviewConfig config) {
    this.repository = repository;
    this.roles = roles;
    this.questions = questions;
    this.scorecards = scorecards;
    this.config = config;
  }

  /** One page of interviews, newest first. */
  record Page(List<Interview> items, int page, int size, long total) {}

  Interview create(long workspaceId, InterviewRequest request, UUID createdBy) {
    List<FieldError> errors = new ArrayList<>();
    RoleProfiles.Role role = roles.find(workspaceId, request.role()).orElse(null);
    if (role == null) {
      errors.add(new FieldError("role", "unknown role profile; GET /api/v1/roles lists them"));
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < request.plannedQuestions().size(); i++) {
      String slug = request.plannedQuestions().get(i);
      String field = "plannedQuestions[" + i + "]";
      if (!seen.add(slug)) {
        errors.add(new FieldError(field, "is planned twice"));
      } else if (!questionExists(workspaceId, slug)) {
        errors.add(new FieldError(field, "unknown question; GET /api/v1/questions lists them"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.badFields(errors);
    }
    Interview interview =
        new Interview(
            UUID.randomUUID(),
            request.candidateRef(),
            new Interview.RoleWeights(role.id(), role.name(), role.areaWeights()),
            request.plannedQuestions(),
            createdBy,
            OffsetDateTime.now().truncatedTo(ChronoUnit.MICROS));
    repository.insert(workspaceId, interview);
    return interview;
  }

  private boolean questionExists(long workspaceId, String slug) {
    try {
      questions.resolve(workspaceId, slug);
      return true;
    } catch (ApiException e) {
      return false;
    }
  }

  /** The interview; 404 when absent or, with {@code owner}, created by another key. */
  Interview get(long workspaceId, UUID id, UUID owner) {
    return repository
        .find(workspaceId, id, owner)
        .orElseThrow(() -> ApiException.notFound("interview", id.toString()));
  }

  Page list(long workspaceId, String role, String candidateRef, UUID owner, int page, int size) {
    InterviewRepository.Filter filter = new InterviewRepository.Filter(role, candidateRef, owner);
    return new Page(
        repository.list(workspaceId, filter, page, size),
        page,
        size,
        repository.count(workspaceId, filter));
  }

  Scorecard scorecard(long workspaceId, UUID id, UUID owner) {
    return scorecards.build(workspaceId, get(workspaceId, id, owner), owner);
  }

  /**
   * The named interviews of one role side by side, or without ids the role's newest ones; every
   * named interview must be of that role (400 naming the id otherwise).
   */
  Comparison compare(long workspaceId, String role, List<UUID> ids, UUID owner) {
    if (roles.find(workspaceId, role).isEmpty()) {
      throw ApiException.badField("role", "unknown role profile; GET /api/v1/roles lists them");
    }
    if (ids.size() > config.compareMax()) {
      throw ApiException.badField("ids", "at most " + config.compareMax() + " interviews");
    }
    List<Interview> interviews = new ArrayList<>();
    if (ids.isEmpty()) {
      interviews.addAll(list(workspaceId, role, null, owner, 0, config.compareMax()).items());
    }
    for (UUID id : ids) {
      Interview interview = get(workspaceId, id, owner);
      if (!interview.role().id().equals(role)) {
        throw ApiException.badField(
            "ids", "interview " + id + " is for role " + interview.role().id() + ", not " + role);
      }
      interviews.add(interview);
    }
    List<Scorecard> cards =
        interviews.stream().map(i -> scorecards.build(workspaceId, i, owner)).toList();
    return ComparisonTable.of(
        role, roles.find(workspaceId, role).orElseThrow(), cards, roles.areaTitles(workspaceId));
  }

  /** Builds the side-by-side table. */
  static final class ComparisonTable {
    private ComparisonTable() {}

    static Comparison of(
        String role, RoleProfiles.Role profile, List<Scorecard> cards, Map<String, String> titles) {
      List<Comparison.AreaColumn> areas =
          profile.areaWeights().entrySet().stream()
              .filter(e -> e.getValue() > 0)
              .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
              .map(e -> new Comparison.AreaColumn(e.getKey(), titles.get(e.getKey()), e.getValue()))
              .toList();
      List<Scorecard> sorted = new ArrayList<>(cards);
      sorted.sort(
          Comparator.comparing(
                  (Scorecard c) -> c.overall().score() == null ? -1 : c.overall().score())
              .reversed());
      List<Comparison.Candidate> out = new ArrayList<>();
      for (int i = 0; i < sorted.size(); i++) {
        Scorecard c = sorted.get(i);
        Scorecard next = i + 1 < sorted.size() ? sorted.get(i + 1) : null;
        Map<String, Comparison.Cell> cells = new LinkedHashMap<>();
        c.areas().forEach(a -> cells.put(a.area(), new Comparison.Cell(a.score(), a.answers())));
        out.add(
            new Comparison.Candidate(
                c.interviewId(),
                c.candidateRef(),
                c.overall().score(),
                c.overall().interval(),
                c.overall().coverage(),
                c.trust().level(),
                c.trust().answers(),
                c.trust().pendingReviews().size(),
                cells,
                next != null && overlaps(c.overall().interval(), next.overall().interval())));
      }
      return new Comparison(role, areas, out);
    }

    private static boolean overlaps(Scorecard.Range a, Scorecard.Range b) {
      return a != null && b != null && a.low() <= b.high() && b.low() <= a.high();
    }
  }
}

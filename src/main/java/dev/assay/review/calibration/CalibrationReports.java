package dev.assay.review.calibration;

import dev.assay.platform.ApiException;
import dev.assay.review.ReviewOutcomes;
import dev.assay.review.calibration.CalibrationMath.Delta;
import dev.assay.review.calibration.CalibrationMath.DriftPoint;
import dev.assay.review.calibration.CalibrationMath.Fit;
import dev.assay.review.calibration.CalibrationMath.Item;
import dev.assay.review.calibration.CalibrationMath.Lean;
import dev.assay.review.calibration.CalibrationRepository.ItemRow;
import dev.assay.review.calibration.CalibrationRepository.ScoreRow;
import dev.assay.review.calibration.CalibrationRepository.SetRow;
import dev.assay.security.ApiKeyService;
import dev.assay.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The calibration report of a set: per reviewer, agreement with the leave-one-out consensus and
 * with the automated grader, leniency (SMD against the consensus) and drift of their overrides over
 * time. An admin sees every reviewer of the workspace (those who have not scored yet with empty
 * figures); a reviewer sees only their own row.
 */
@ApplicationScoped
class CalibrationReports {
  static final int DEFAULT_DRIFT_DAYS = 180;

  private final CalibrationRepository repository;
  private final CalibrationSets sets;
  private final ReviewOutcomes outcomes;
  private final ApiKeyService keys;

  CalibrationReports(
      CalibrationRepository repository,
      CalibrationSets sets,
      ReviewOutcomes outcomes,
      ApiKeyService keys) {
    this.repository = repository;
    this.sets = sets;
    this.outcomes = outcomes;
    this.keys = keys;
  }

  /** The options of a report: drift's period and window, and the bootstrap seed. */
  record Options(DriftPeriod period, OffsetDateTime from, OffsetDateTime to, long seed) {}

  record Report(
      UUID setId,
      String name,
      int items,
      double gridStep,
      long seed,
      DriftPeriod driftPeriod,
      OffsetDateTime driftFrom,
      OffsetDateTime driftTo,
      List<ReviewerRow> reviewers) {}

  /** One reviewer's figures; scores and differences are shares of the scale. */
  record ReviewerRow(
      UUID reviewerKey,
      String name,
      int scored,
      Fit consensus,
      Fit automated,
      Lean lean,
      int overrides,
      List<DriftPoint> drift) {}

  static Options options(
      DriftPeriod period, OffsetDateTime from, OffsetDateTime to, Long seed, long defaultSeed) {
    OffsetDateTime end = to == null ? OffsetDateTime.now(ZoneOffset.UTC) : to;
    OffsetDateTime start = from == null ? end.minusDays(DEFAULT_DRIFT_DAYS) : from;
    if (!start.isBefore(end)) {
      throw ApiException.badField("from", "must be before to");
    }
    return new Options(
        period == null ? DriftPeriod.MONTH : period, start, end, seed == null ? defaultSeed : seed);
  }

  Report report(long workspaceId, UUID setId, UUID caller, boolean admin, Options options) {
    SetRow set = sets.setOf(workspaceId, setId);
    List<Item> items = items(repository.items(setId), repository.scores(setId));
    double step = CalibrationMath.step(items);
    Map<UUID, String> names = reviewerNames(workspaceId, admin);
    Set<UUID> who = new LinkedHashSet<>();
    if (admin) {
      who.addAll(names.keySet());
      items.forEach(i -> who.addAll(i.byReviewer().keySet()));
    } else {
      who.add(caller);
    }
    Map<UUID, List<Delta>> deltas = deltas(workspaceId, options);
    List<ReviewerRow> rows = new ArrayList<>();
    for (UUID reviewer : who) {
      CalibrationMath.Figures f = CalibrationMath.figures(reviewer, items, step, options.seed());
      List<Delta> own = deltas.getOrDefault(reviewer, List.of());
      rows.add(
          new ReviewerRow(
              reviewer,
              names.get(reviewer),
              f.scored(),
              f.consensus(),
              f.automated(),
              f.lean(),
              own.size(),
              CalibrationMath.drift(own, options.period(), options.seed())));
    }
    return new Report(
        set.id(),
        set.name(),
        set.items(),
        step,
        options.seed(),
        options.period(),
        options.from(),
        options.to(),
        rows);
  }

  /** Each item's scores as shares of its scale. */
  private static List<Item> items(List<ItemRow> items, List<ScoreRow> scores) {
    Map<UUID, Map<UUID, Double>> byItem = new HashMap<>();
    for (ScoreRow s : scores) {
      byItem
          .computeIfAbsent(s.itemId(), k -> new LinkedHashMap<>())
          .put(s.reviewerKey(), s.score());
    }
    List<Item> out = new ArrayList<>();
    for (ItemRow item : items) {
      Map<UUID, Double> shares = new LinkedHashMap<>();
      byItem
          .getOrDefault(item.id(), Map.of())
          .forEach((k, v) -> shares.put(k, v / item.maxScore()));
      out.add(new Item(item.automated() / item.maxScore(), shares));
    }
    return out;
  }

  /** Names of the workspace's active reviewer and admin keys (admins only: names are theirs). */
  private Map<UUID, String> reviewerNames(long workspaceId, boolean admin) {
    Map<UUID, String> names = new LinkedHashMap<>();
    for (ApiKeyService.KeyView k : keys.list(workspaceId)) {
      boolean listed = admin && k.role() == Role.REVIEWER && k.revokedAt() == null;
      if (listed) {
        names.put(k.id(), k.name());
      }
    }
    return names;
  }

  private Map<UUID, List<Delta>> deltas(long workspaceId, Options options) {
    Map<UUID, List<Delta>> out = new HashMap<>();
    for (ReviewOutcomes.Override o :
        outcomes.overrides(workspaceId, options.from(), options.to())) {
      out.computeIfAbsent(o.reviewerKey(), k -> new ArrayList<>())
          .add(new Delta(o.at(), (o.overridden() - o.automated()) / o.maxScore()));
    }
    return out;
  }
}

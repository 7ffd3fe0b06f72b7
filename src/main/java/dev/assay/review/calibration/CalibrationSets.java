package dev.assay.review.calibration;

import dev.assay.grading.GradeFacts;
import dev.assay.metrics.Metrics;
import dev.assay.platform.ApiException;
import dev.assay.review.calibration.CalibrationRepository.ItemRow;
import dev.assay.review.calibration.CalibrationRepository.ScoreRow;
import dev.assay.review.calibration.CalibrationRepository.SetRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Calibration sets and blind scoring. Blindness is kept here: an item shown to a reviewer who has
 * not scored it carries the question and the answer only (not the grade id, whose automated score a
 * reviewer could read, nor anyone's score); after they score it, the automated score and the other
 * reviewers' scores are revealed.
 */
@ApplicationScoped
class CalibrationSets {
  /** Grades a sample is drawn from: the most recent ones of the window. */
  private static final int SAMPLE_POOL = 5000;

  static final int MAX_ITEMS = 200;
  private static final int DEFAULT_SAMPLE_DAYS = 30;

  private final CalibrationRepository repository;
  private final GradeFacts grades;

  CalibrationSets(CalibrationRepository repository, GradeFacts grades) {
    this.repository = repository;
    this.grades = grades;
  }

  /** A set as listed: the grade ids only for admins, who made it. */
  record SetView(
      UUID id,
      String name,
      OffsetDateTime createdAt,
      int items,
      int scoredByYou,
      List<UUID> gradeIds) {}

  /** What the reviewer's score revealed: the automated score and the others' scores. */
  record Reveal(double automated, List<Double> otherScores, Double consensus) {}

  /** An item as the caller may see it; {@code reveal} is null until the caller has scored it. */
  record ItemView(
      UUID id,
      int position,
      String questionId,
      String questionTitle,
      String prompt,
      String answer,
      double maxScore,
      Double yourScore,
      Reveal reveal) {}

  /** How a set is chosen: named grades, or a seeded sample of recent grades. */
  record Sample(int size, Integer days, String questionId, Long seed) {}

  SetView create(
      long workspaceId, String name, List<UUID> gradeIds, Sample sample, UUID createdBy) {
    List<UUID> chosen =
        gradeIds != null && !gradeIds.isEmpty()
            ? named(workspaceId, gradeIds, sample)
            : sampled(workspaceId, sample);
    UUID id = UUID.randomUUID();
    repository.insertSet(workspaceId, id, name.strip(), createdBy, chosen);
    return view(setOf(workspaceId, id), createdBy, true);
  }

  private List<UUID> named(long workspaceId, List<UUID> gradeIds, Sample sample) {
    if (sample != null) {
      throw ApiException.badField("sample", "give either gradeIds or a sample, not both");
    }
    List<UUID> distinct = List.copyOf(new LinkedHashSet<>(gradeIds));
    if (distinct.size() > MAX_ITEMS) {
      throw ApiException.badField("gradeIds", "at most " + MAX_ITEMS + " grades");
    }
    List<UUID> found = grades.existing(workspaceId, distinct);
    for (UUID id : distinct) {
      if (!found.contains(id)) {
        throw ApiException.notFound("grade", id.toString());
      }
    }
    return distinct;
  }

  private List<UUID> sampled(long workspaceId, Sample sample) {
    if (sample == null) {
      throw ApiException.badField("gradeIds", "give gradeIds or a sample");
    }
    if (sample.size() < 1 || sample.size() > MAX_ITEMS) {
      throw ApiException.badField("sample.size", "must be 1 to " + MAX_ITEMS);
    }
    int days = sample.days() == null ? DEFAULT_SAMPLE_DAYS : sample.days();
    if (days < 1) {
      throw ApiException.badField("sample.days", "must be at least 1");
    }
    OffsetDateTime since = OffsetDateTime.now(ZoneOffset.UTC).minusDays(days);
    List<UUID> pool =
        new ArrayList<>(grades.recent(workspaceId, since, sample.questionId(), SAMPLE_POOL));
    if (pool.isEmpty()) {
      throw ApiException.unprocessable(
          "no-grades-to-sample", "no grades in the last " + days + " days to sample from");
    }
    // Seeded, so that the same request over the same grades picks the same set.
    Collections.shuffle(pool, new Random(sample.seed() == null ? Metrics.SEED : sample.seed()));
    return List.copyOf(pool.subList(0, Math.min(sample.size(), pool.size())));
  }

  List<SetView> list(long workspaceId, UUID caller, boolean admin) {
    return repository.sets(workspaceId).stream().map(s -> view(s, caller, admin)).toList();
  }

  SetView get(long workspaceId, UUID id, UUID caller, boolean admin) {
    return view(setOf(workspaceId, id), caller, admin);
  }

  SetRow setOf(long workspaceId, UUID id) {
    return repository
        .set(workspaceId, id)
        .orElseThrow(() -> ApiException.notFound("calibration set", id.toString()));
  }

  private SetView view(SetRow set, UUID caller, boolean admin) {
    List<ItemRow> items = repository.items(set.id());
    int scored =
        (int)
            repository.scores(set.id()).stream()
                .filter(s -> s.reviewerKey().equals(caller))
                .count();
    return new SetView(
        set.id(),
        set.name(),
        set.createdAt(),
        set.items(),
        scored,
        admin ? items.stream().map(ItemRow::gradeId).toList() : null);
  }

  /** Every item of the set as the caller may see it, in order. */
  List<ItemView> items(long workspaceId, UUID setId, UUID caller) {
    setOf(workspaceId, setId);
    List<ScoreRow> scores = repository.scores(setId);
    return repository.items(setId).stream().map(i -> itemView(i, scores, caller)).toList();
  }

  /** The items the caller has not scored yet: their blind queue. */
  List<ItemView> queue(long workspaceId, UUID setId, UUID caller) {
    return items(workspaceId, setId, caller).stream().filter(i -> i.yourScore() == null).toList();
  }

  ItemView item(long workspaceId, UUID setId, UUID itemId, UUID caller) {
    return items(workspaceId, setId, caller).stream()
        .filter(i -> i.id().equals(itemId))
        .findFirst()
        .orElseThrow(() -> ApiException.notFound("calibration item", itemId.toString()));
  }

  /** Records the caller's one blind score of an item; a second is a 409. */
  ItemView score(long workspaceId, UUID setId, UUID itemId, Double score, UUID caller) {
    ItemView item = item(workspaceId, setId, itemId, caller);
    if (score == null || !Double.isFinite(score) || score < 0 || score > item.maxScore()) {
      throw ApiException.badField("score", "must be a number from 0 to " + item.maxScore());
    }
    if (!repository.insertScore(workspaceId, itemId, caller, score)) {
      throw ApiException.conflict(
          "already-scored", "you scored this item already; calibration scores are not changed");
    }
    return item(workspaceId, setId, itemId, caller);
  }

  private static ItemView itemView(ItemRow item, List<ScoreRow> scores, UUID caller) {
    Double mine = null;
    List<Double> others = new ArrayList<>();
    for (ScoreRow s : scores) {
      if (s.itemId().equals(item.id())) {
        if (s.reviewerKey().equals(caller)) {
          mine = s.score();
        } else {
          others.add(s.score());
        }
      }
    }
    Reveal reveal =
        mine == null
            ? null
            : new Reveal(
                item.automated(),
                others,
                others.isEmpty()
                    ? null
                    : others.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
    return new ItemView(
        item.id(),
        item.position(),
        item.questionId(),
        item.questionTitle(),
        item.prompt(),
        item.answer(),
        item.maxScore(),
        mine,
        reveal);
  }
}

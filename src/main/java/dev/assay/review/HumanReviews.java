package dev.assay.review;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What people said about automated grades, for comparisons made outside the review feature. */
@ApplicationScoped
public class HumanReviews {
  private final ReviewRepository repository;

  HumanReviews(ReviewRepository repository) {
    this.repository = repository;
  }

  /** A grade's automated overall score and its scale. */
  public record Automated(double overall, double scale) {}

  /** A reviewed grade's human score as a share of its scale, and whether it was overridden. */
  record Human(double share, boolean overridden) {}

  /**
   * The human verdict on a grade: the latest override, or the automated score where a reviewer
   * confirmed it; empty when nobody did either.
   */
  static Optional<Human> of(Automated grade, List<ReviewEvent> events) {
    Optional<ReviewEvent> override = ReviewService.latestOverride(events);
    if (override.isEmpty() && events.stream().noneMatch(e -> e.kind() == EventKind.CONFIRMED)) {
      return Optional.empty();
    }
    double score = override.map(ReviewEvent::overallScore).orElse(grade.overall());
    return Optional.of(
        new Human(grade.scale() == 0 ? 0 : score / grade.scale(), override.isPresent()));
  }

  /**
   * The human score of each reviewed grade among {@code grades}, as a share of its scale (see
   * {@link #of}). Unreviewed grades are left out.
   */
  public Map<UUID, Double> humanShares(Map<UUID, Automated> grades) {
    Map<UUID, List<ReviewEvent>> events = repository.events(grades.keySet());
    Map<UUID, Double> out = new LinkedHashMap<>();
    grades.forEach(
        (id, automated) ->
            of(automated, events.getOrDefault(id, List.of()))
                .ifPresent(human -> out.put(id, human.share())));
    return out;
  }
}

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

  /**
   * The human score of each reviewed grade among {@code grades}, as a share of its scale: the
   * latest override, or the automated score where a reviewer confirmed it. Unreviewed grades are
   * left out.
   */
  public Map<UUID, Double> humanShares(Map<UUID, Automated> grades) {
    Map<UUID, List<ReviewEvent>> events = repository.events(grades.keySet());
    Map<UUID, Double> out = new LinkedHashMap<>();
    grades.forEach(
        (id, automated) -> {
          List<ReviewEvent> of = events.getOrDefault(id, List.of());
          Optional<ReviewEvent> override = ReviewService.latestOverride(of);
          boolean confirmed = of.stream().anyMatch(e -> e.kind().equals("confirmed"));
          if (override.isPresent() || confirmed) {
            double score = override.map(ReviewEvent::overallScore).orElse(automated.overall());
            out.put(id, automated.scale() == 0 ? 0 : score / automated.scale());
          }
        });
    return out;
  }
}

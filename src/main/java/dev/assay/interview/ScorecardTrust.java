package dev.assay.interview;

import dev.assay.bank.RoleProfiles;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A scorecard's trust: the counted answers that are flagged, of low confidence or awaiting a
 * review, whether the role's weights changed since the interview began, and the level and cautions
 * {@link TrustRules} draw from them.
 */
@ApplicationScoped
class ScorecardTrust {
  private final RoleProfiles roles;
  private final double lowConfidence;

  ScorecardTrust(
      RoleProfiles roles,
      @ConfigProperty(name = "assay.review.low-confidence", defaultValue = "0.5")
          double lowConfidence) {
    this.roles = roles;
    this.lowConfidence = lowConfidence;
  }

  /** How far the scorecard can be trusted, and why not. */
  Scorecard.Trust of(
      long workspaceId,
      Interview interview,
      ScorecardMath.Result result,
      List<Scorecards.Counted> counted,
      List<Scorecard.Gap> gaps) {
    List<UUID> flagged = new ArrayList<>();
    List<UUID> lowConfidence = new ArrayList<>();
    List<UUID> pending = new ArrayList<>();
    for (Scorecards.Counted c : counted) {
      if (c.grade().flags().stream().anyMatch(f -> !f.equals("reused-grade"))) {
        flagged.add(c.grade().id());
      }
      if (c.grade().confidence() < this.lowConfidence) {
        lowConfidence.add(c.grade().id());
      }
      if (c.grade().needsReview() && !c.reviewed()) {
        pending.add(c.grade().id());
      }
    }
    boolean weightsChanged =
        roles
            .find(workspaceId, interview.role().id())
            .map(r -> !sameWeights(r.areaWeights(), interview.role().areaWeights()))
            .orElse(true);
    TrustRules.Facts facts =
        new TrustRules.Facts(
            counted.size(),
            result.coverage(),
            result.interval() == null ? null : result.interval().halfWidth(),
            gaps,
            flagged.size(),
            lowConfidence.size(),
            pending.size(),
            weightsChanged);
    return new Scorecard.Trust(
        TrustRules.level(facts),
        TrustRules.cautions(facts),
        gaps.stream().map(Scorecard.Gap::area).toList(),
        flagged,
        lowConfidence,
        pending,
        counted.size());
  }

  private static boolean sameWeights(Map<String, Double> a, Map<String, Double> b) {
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    return a.entrySet().stream()
        .allMatch(e -> Math.abs(e.getValue() - Objects.requireNonNull(b.get(e.getKey()))) < 1e-9);
  }
}

package dev.assay.interview;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A candidate's interview for one role: the grades with its {@code candidateRef} (to the {@code
 * plannedQuestions} when there is a plan) scored with the role's area weights as they were when the
 * interview was created.
 */
public record Interview(
    UUID id,
    String candidateRef,
    RoleWeights role,
    List<String> plannedQuestions,
    @JsonIgnore UUID createdBy,
    OffsetDateTime createdAt) {

  public Interview {
    plannedQuestions = List.copyOf(plannedQuestions);
  }

  /** The role profile's id, name and area weights, copied when the interview was created. */
  public record RoleWeights(String id, String name, Map<String, Double> areaWeights) {
    public RoleWeights {
      areaWeights = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(areaWeights));
    }

    /** The sum of the weights (1 for a bank role profile, up to rounding). */
    double total() {
      return areaWeights.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    double weight(String area) {
      return areaWeights.getOrDefault(area, 0.0);
    }
  }
}

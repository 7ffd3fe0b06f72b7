package dev.assay.fairness;

import dev.assay.platform.ApiException;
import dev.assay.platform.Problem.FieldError;
import dev.assay.platform.Slugs;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Self-reported cohort attributes of candidates, for fairness audits only. Nothing in grading,
 * review or interviews depends on this class; the values are never logged.
 */
@ApplicationScoped
class Cohorts {
  private static final Logger LOG = Logger.getLogger(Cohorts.class);
  private static final Pattern SLUG = Pattern.compile(Slugs.PATTERN);

  private final CohortRepository repository;

  Cohorts(CohortRepository repository) {
    this.repository = repository;
  }

  /** A candidate's attributes as an admin reads them. */
  public record CandidateCohort(
      String candidateRef, Map<String, String> attributes, OffsetDateTime recordedAt) {}

  /** An attribute with each of its values and how many candidates reported it. */
  public record AttributeSummary(String attribute, Map<String, Long> candidatesPerValue) {}

  void replace(long workspaceId, String candidateRef, CohortRequest request, UUID by) {
    checkRef(candidateRef);
    List<FieldError> errors = new ArrayList<>();
    request
        .attributes()
        .keySet()
        .forEach(
            key -> {
              if (!SLUG.matcher(key).matches()) {
                errors.add(new FieldError("attributes." + key, Slugs.MESSAGE));
              }
            });
    if (!errors.isEmpty()) {
      throw ApiException.badFields(errors);
    }
    repository.replace(workspaceId, candidateRef, request.attributes(), by);
    LOG.infof(
        "cohort attributes recorded for a candidate (%d attributes)", request.attributes().size());
  }

  CandidateCohort get(long workspaceId, String candidateRef) {
    checkRef(candidateRef);
    List<CohortRepository.Row> rows = repository.of(workspaceId, candidateRef);
    if (rows.isEmpty()) {
      throw ApiException.notFound("cohort data of candidate", candidateRef);
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    rows.forEach(r -> attributes.put(r.attribute(), r.value()));
    OffsetDateTime at =
        rows.stream().map(CohortRepository.Row::recordedAt).max(OffsetDateTime::compareTo).get();
    return new CandidateCohort(candidateRef, attributes, at);
  }

  /** Deletes every attribute of the candidate; deleting nothing is not an error. */
  void delete(long workspaceId, String candidateRef) {
    checkRef(candidateRef);
    int n = repository.delete(workspaceId, candidateRef);
    LOG.infof("cohort attributes of a candidate deleted (%d rows)", n);
  }

  List<AttributeSummary> summary(long workspaceId) {
    Map<String, Map<String, Long>> byAttribute = new LinkedHashMap<>();
    for (CohortRepository.ValueCount c : repository.counts(workspaceId)) {
      byAttribute
          .computeIfAbsent(c.attribute(), k -> new LinkedHashMap<>())
          .put(c.value(), c.candidates());
    }
    return byAttribute.entrySet().stream()
        .map(e -> new AttributeSummary(e.getKey(), e.getValue()))
        .toList();
  }

  /** Each candidate's value of the attribute (candidates who did not report it are absent). */
  Map<String, String> valuesOf(long workspaceId, String attribute) {
    return repository.valuesOf(workspaceId, attribute);
  }

  private static void checkRef(String candidateRef) {
    if (candidateRef.isBlank() || candidateRef.length() > 200) {
      throw ApiException.badField("candidateRef", "must be 1 to 200 characters");
    }
  }
}

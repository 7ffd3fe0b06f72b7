package dev.assay.bank;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Role profiles and area titles for features outside the bank (interview scorecards): read-only, as
 * records, so the bank's entities stay inside the bank.
 */
@ApplicationScoped
public class RoleProfiles {
  private final RoleRepository roles;
  private final AreaRepository areas;

  RoleProfiles(RoleRepository roles, AreaRepository areas) {
    this.roles = roles;
    this.areas = areas;
  }

  /** A role profile: its id, name and weight per area key (ordered by area key). */
  public record Role(String id, String name, Map<String, Double> areaWeights) {
    public Role {
      areaWeights = Map.copyOf(areaWeights);
    }
  }

  /** The workspace's role profile with that id; empty when there is none. */
  public Optional<Role> find(long workspaceId, String id) {
    return QuarkusTransaction.joiningExisting()
        .call(
            () ->
                roles.of(workspaceId).stream()
                    .filter(r -> r.slug.equals(id))
                    .findFirst()
                    .map(r -> new Role(r.slug, r.name, r.areaWeights)));
  }

  /** Titles of the workspace's interview areas by key, in the order they were created. */
  public Map<String, String> areaTitles(long workspaceId) {
    return QuarkusTransaction.joiningExisting()
        .call(
            () -> {
              Map<String, String> titles = new LinkedHashMap<>();
              areas.of(workspaceId).values().stream()
                  .sorted(java.util.Comparator.comparing(a -> a.id))
                  .forEach(a -> titles.put(a.key, a.title));
              return titles;
            });
  }
}

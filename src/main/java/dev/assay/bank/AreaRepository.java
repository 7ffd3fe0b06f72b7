package dev.assay.bank;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The {@code area} table. */
@ApplicationScoped
class AreaRepository implements PanacheRepository<Area> {

  /** The workspace's areas by key. */
  Map<String, Area> of(long workspaceId) {
    return find("workspaceId", workspaceId).stream()
        .collect(Collectors.toMap(a -> a.key, Function.identity()));
  }
}

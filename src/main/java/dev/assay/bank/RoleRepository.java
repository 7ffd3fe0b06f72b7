package dev.assay.bank;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The {@code role_profile} table. */
@ApplicationScoped
class RoleRepository implements PanacheRepository<RoleProfile> {

  List<RoleProfile> of(long workspaceId) {
    return find("workspaceId", Sort.by("slug"), workspaceId).list();
  }
}

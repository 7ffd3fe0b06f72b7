package dev.assay.bank;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** How much each interview area counts for one role. */
@Entity
@Table(name = "role_profile")
class RoleProfile {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  Long id;

  Long workspaceId;
  String slug;
  String name;
  String description;

  @JdbcTypeCode(SqlTypes.JSON)
  Map<String, Double> areaWeights;
}

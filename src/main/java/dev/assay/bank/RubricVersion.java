package dev.assay.bank;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One immutable version of a question's rubric (the database also rejects updates). */
@Entity
@Immutable
@Table(name = "rubric_version")
class RubricVersion {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  Long id;

  Long questionId;
  int version;
  int scale;

  @JdbcTypeCode(SqlTypes.JSON)
  List<CriterionSpec> criteria;

  String contentHash;
  @CreationTimestamp OffsetDateTime createdAt;
}

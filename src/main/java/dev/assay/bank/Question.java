package dev.assay.bank;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.UpdateTimestamp;
import org.hibernate.type.SqlTypes;

/** A question of the bank; its rubric lives in {@link RubricVersion} rows. */
@Entity
@Table(name = "question")
class Question {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  Long id;

  Long workspaceId;
  String slug;
  String title;
  String prompt;
  String areaKey;

  @JdbcTypeCode(SqlTypes.ARRAY)
  List<String> tags;

  @CreationTimestamp OffsetDateTime createdAt;
  @UpdateTimestamp OffsetDateTime updatedAt;
}

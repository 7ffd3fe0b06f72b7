package dev.assay.bank;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An interview area of a workspace. */
@Entity
@Table(name = "area")
class Area {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  Long id;

  Long workspaceId;
  String key;
  String title;
  String description;
}

package dev.cicd.store.jpa.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Row of {@code term}: an interned string. Written and read through JDBC by {@link Terms}; mapped so
 * that Hibernate validates the table like every other.
 */
@Entity
@Table(name = "term")
@SuppressWarnings("NullAway.Init")
public class TermEntity {
  @Id
  Long id;
  String kind;
  long hash;
  String term;

  protected TermEntity() {}
}

package dev.cicd.store.jpa.internal;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code lease}: who holds a named lease until when. */
@Entity
@Table(name = "lease")
@SuppressWarnings("NullAway.Init")
public class LeaseEntity {
  @Id
  String name;
  String owner;
  @Convert(converter = InstantConverter.class)
  Instant acquiredAt;
  @Convert(converter = InstantConverter.class)
  Instant expiresAt;
  long version;

  protected LeaseEntity() {}

  public static LeaseEntity of(String name, String owner, Instant acquiredAt, Instant expiresAt) {
    LeaseEntity e = new LeaseEntity();
    e.name = name;
    e.owner = owner;
    e.acquiredAt = acquiredAt;
    e.expiresAt = expiresAt;
    e.version = 1;
    return e;
  }

  public String owner() {
    return owner;
  }

  public Instant expiresAt() {
    return expiresAt;
  }
}

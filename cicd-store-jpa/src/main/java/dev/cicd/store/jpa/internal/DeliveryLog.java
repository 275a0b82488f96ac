package dev.cicd.store.jpa.internal;

import dev.cicd.core.ingest.DeliveryKey;
import dev.cicd.core.store.BuildStoreException;
import java.time.Instant;
import java.util.Objects;

/** The webhook delivery log; the primary key makes recording atomic across threads and instances. */
public final class DeliveryLog {
  /** Outcome written by {@link dev.cicd.core.store.BuildStore#recordDelivery}. */
  public static final String APPLIED = "applied";

  private final Jpa jpa;

  public DeliveryLog(Jpa jpa) {
    this.jpa = jpa;
  }

  public boolean record(DeliveryKey key, Instant receivedAt, String outcome) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(receivedAt, "receivedAt");
    try {
      return jpa.inTransaction(() -> "Failed to record delivery " + key.asString(), em -> {
        if (em.find(DeliveryEntity.class, id(key)) != null) {
          return false;
        }
        em.persist(DeliveryEntity.of(id(key), receivedAt, outcome));
        em.flush();
        return true;
      });
    } catch (BuildStoreException e) {
      if (Failures.isUniqueViolation(e)) {
        return false;
      }
      throw e;
    }
  }

  public boolean contains(DeliveryKey key) {
    Objects.requireNonNull(key, "key");
    return jpa.inTransaction(() -> "Failed to look up delivery " + key.asString(),
        em -> em.find(DeliveryEntity.class, id(key)) != null);
  }

  static DeliveryEntity.Key id(DeliveryKey key) {
    return new DeliveryEntity.Key(key.hookId() == null ? "" : key.hookId(), key.deliveryId());
  }
}

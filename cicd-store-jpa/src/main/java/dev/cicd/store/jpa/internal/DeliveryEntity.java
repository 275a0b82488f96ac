package dev.cicd.store.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** Row of {@code delivery}: one recorded webhook delivery. */
@Entity
@Table(name = "delivery")
@SuppressWarnings("NullAway.Init")
public class DeliveryEntity {
  @EmbeddedId
  Key key;
  @Convert(converter = InstantConverter.class)
  Instant receivedAt;
  String outcome;

  protected DeliveryEntity() {}

  public static DeliveryEntity of(Key key, Instant receivedAt, String outcome) {
    DeliveryEntity e = new DeliveryEntity();
    e.key = key;
    e.receivedAt = receivedAt;
    e.outcome = outcome;
    return e;
  }

  /** Primary key; {@code hookId} is "" when the sender gave none. */
  @Embeddable
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    @Column(name = "hook_id")
    String hookId;
    @Column(name = "delivery_id")
    String deliveryId;

    protected Key() {}

    public Key(String hookId, String deliveryId) {
      this.hookId = hookId;
      this.deliveryId = deliveryId;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.hookId.equals(hookId) && k.deliveryId.equals(deliveryId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(hookId, deliveryId);
    }
  }
}

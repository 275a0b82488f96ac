package dev.cicd.core.ingest;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Identity of one webhook delivery. GitHub repeats the delivery id on a redelivery, and one event sent
 * to two hooks may share it, so the hook id is part of the key when known.
 *
 * @param hookId {@code X-GitHub-Hook-ID}, or null when the sender gives none
 * @param deliveryId {@code X-GitHub-Delivery}
 */
public record DeliveryKey(@Nullable String hookId, String deliveryId) {
  /** Longest accepted delivery or hook id. */
  public static final int MAX_LENGTH = 200;

  public DeliveryKey {
    Objects.requireNonNull(deliveryId, "deliveryId");
    if (deliveryId.isBlank() || deliveryId.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("deliveryId must be 1 to " + MAX_LENGTH + " characters");
    }
    if (hookId != null && (hookId.isBlank() || hookId.length() > MAX_LENGTH)) {
      throw new IllegalArgumentException("hookId must be 1 to " + MAX_LENGTH + " characters when given");
    }
  }

  public static DeliveryKey of(String deliveryId) {
    return new DeliveryKey(null, deliveryId);
  }

  /** {@code hookId/deliveryId}, or the delivery id alone. */
  public String asString() {
    return hookId == null ? deliveryId : hookId + '/' + deliveryId;
  }
}

package dev.cicd.core.alert;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The outcome of one delivery attempt. Channels return it and never throw for delivery failures. */
public sealed interface DeliveryAttemptResult {

  static DeliveryAttemptResult delivered() {
    return new Delivered(null);
  }

  /** Delivered, with a note (for example recipients rejected permanently while others got it). */
  static DeliveryAttemptResult delivered(@Nullable String note) {
    return new Delivered(note);
  }

  /** A temporary failure; retry after {@code retryAfter}, or after the dispatcher's backoff when null. */
  static DeliveryAttemptResult retryLater(@Nullable Duration retryAfter, String reason) {
    return new RetryLater(retryAfter, reason);
  }

  /** A failure that retrying cannot fix (bad payload, unknown channel, rejected recipient). */
  static DeliveryAttemptResult permanent(String reason) {
    return new Permanent(reason);
  }

  /** The channel accepted the message. */
  record Delivered(@Nullable String note) implements DeliveryAttemptResult {}

  /** A temporary failure. */
  record RetryLater(@Nullable Duration retryAfter, String reason) implements DeliveryAttemptResult {
    public RetryLater {
      Objects.requireNonNull(reason, "reason");
      if (retryAfter != null && retryAfter.isNegative()) {
        retryAfter = Duration.ZERO;
      }
    }
  }

  /** A permanent failure. */
  record Permanent(String reason) implements DeliveryAttemptResult {
    public Permanent {
      Objects.requireNonNull(reason, "reason");
    }
  }
}

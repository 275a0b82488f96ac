package dev.cicd.core.alert;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Health of one channel as shown on the health endpoint. Never contains secrets.
 *
 * @param detail the last error or why the channel is broken; null when healthy
 * @param since when the current status began; null when unknown
 */
public record AlertSinkHealth(String channelId, String type, Status status, @Nullable String detail,
    @Nullable Instant since) {
  /** Channel status. */
  public enum Status {
    /** Delivering. */
    OK,
    /** Temporary failures; notifications are being retried. */
    FAILING,
    /** A permanent failure (webhook gone, authentication rejected): needs an operator. */
    BROKEN
  }

  public AlertSinkHealth {
    Objects.requireNonNull(channelId, "channelId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(status, "status");
  }

  public static AlertSinkHealth ok(String channelId, String type) {
    return new AlertSinkHealth(channelId, type, Status.OK, null, null);
  }
}

package dev.cicd.core.alert;

/**
 * A notification channel (Slack webhook, SMTP, ...). The dispatcher calls {@link #send} on a thread of
 * its own for each channel, one notification at a time per channel; implementations must be
 * thread-safe anyway (a test notification may run concurrently).
 *
 * <p>{@code send} never throws for delivery failures: it returns {@link DeliveryAttemptResult}. A
 * runtime exception that escapes anyway is treated as a temporary failure. Delivery is at least once:
 * after a crash a notification may be sent again with the same {@link Notification#key()}, which a
 * channel should show or use as a message id so duplicates can be recognised.
 */
public interface AlertSink {

  /** Unique id that receivers reference; lower-case letters, digits, {@code -} and {@code _}. */
  String id();

  /** Channel type, for example {@code slack}, {@code smtp} or {@code log}. */
  String type();

  /** Makes one delivery attempt. */
  DeliveryAttemptResult send(Notification notification);

  /** The channel's own view of its health; OK unless it knows better. */
  default AlertSinkHealth health() {
    return AlertSinkHealth.ok(id(), type());
  }
}

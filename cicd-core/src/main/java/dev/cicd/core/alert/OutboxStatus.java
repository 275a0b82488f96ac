package dev.cicd.core.alert;

/** Delivery status of one outbox row. Every status but {@link #PENDING} is final. */
public enum OutboxStatus {
  /** Waiting to be sent (possibly deferred or backing off). */
  PENDING,
  /** Delivered to the channel. */
  SENT,
  /** Gave up: a permanent error, or retries exhausted; the reason is in {@code lastError}. */
  FAILED,
  /** Not sent because a silence or an inhibiting alert matched; kept for history. */
  SUPPRESSED,
  /** Not sent because it became moot (for example fired and resolved inside quiet hours). */
  CANCELLED;

  public boolean isFinal() {
    return this != PENDING;
  }
}

package dev.cicd.core.alert;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One row of the notification outbox: one notification for one receiver, with its delivery state.
 *
 * @param key idempotency key {@code fingerprint.episode.kind.seq.receiver}; unique in the outbox
 * @param groupKey rows with the same group key that are due together go out as one message
 * @param dependsOn key of a row that must reach a final status first (keeps a thread in order)
 * @param nextAttemptAt not sent before this instant (group wait, quiet hours, backoff)
 * @param attempts delivery attempts made so far
 * @param lastError reason of the last failure, or note of a partial delivery
 * @param leaseOwner dispatcher instance currently holding the row, if the lease has not expired
 */
public record OutboxEntry(
    String key,
    String channelId,
    String receiverId,
    NotificationItem item,
    @Nullable String groupKey,
    @Nullable String dependsOn,
    @Nullable String threadRootKey,
    @Nullable String previousKey,
    OutboxStatus status,
    int attempts,
    Instant createdAt,
    Instant nextAttemptAt,
    @Nullable Instant lastAttemptAt,
    @Nullable String lastError,
    @Nullable String leaseOwner,
    @Nullable Instant leaseUntil) {

  public OutboxEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(channelId, "channelId");
    Objects.requireNonNull(receiverId, "receiverId");
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must not be negative, but was " + attempts);
    }
  }

  /** A new pending row. */
  public static OutboxEntry pending(String key, String channelId, String receiverId, NotificationItem item,
      @Nullable String groupKey, @Nullable String dependsOn, @Nullable String threadRootKey,
      @Nullable String previousKey, Instant createdAt, Instant notBefore) {
    return new OutboxEntry(key, channelId, receiverId, item, groupKey, dependsOn, threadRootKey, previousKey,
        OutboxStatus.PENDING, 0, createdAt, notBefore, null, null, null, null);
  }

  /** True while another dispatcher holds an unexpired lease at {@code now}. */
  public boolean isLeasedAt(Instant now) {
    return leaseOwner != null && leaseUntil != null && leaseUntil.isAfter(now);
  }

  public OutboxEntry withLease(@Nullable String owner, @Nullable Instant until) {
    return new OutboxEntry(key, channelId, receiverId, item, groupKey, dependsOn, threadRootKey, previousKey,
        status, attempts, createdAt, nextAttemptAt, lastAttemptAt, lastError, owner, until);
  }

  /** A copy with a new delivery state and no lease. */
  public OutboxEntry withDelivery(OutboxStatus newStatus, int newAttempts, Instant next,
      @Nullable Instant attemptAt, @Nullable String error) {
    return new OutboxEntry(key, channelId, receiverId, item, groupKey, dependsOn, threadRootKey, previousKey,
        newStatus, newAttempts, createdAt, next, attemptAt, error, null, null);
  }
}

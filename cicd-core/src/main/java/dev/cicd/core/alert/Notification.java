package dev.cicd.core.alert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a channel sends: one message about one or more alerts (alerts of one repository and commit
 * that fired within the group wait travel together).
 *
 * @param key idempotency key of the message (the first row's key); channels show it for tracing and
 *     derive stable message ids from it, so a resend after a crash carries the same id
 * @param keys the idempotency keys of every outbox row this message covers
 * @param threadRootKey key of the first message ever sent about this alert to this receiver, if any
 *     (e-mail {@code References})
 * @param previousKey key of the previous message about this alert to this receiver, if any (e-mail
 *     {@code In-Reply-To})
 * @param items at least one
 */
public record Notification(
    String key,
    List<String> keys,
    String receiverId,
    String channelId,
    NotificationKind kind,
    List<NotificationItem> items,
    @Nullable String threadRootKey,
    @Nullable String previousKey,
    Instant createdAt) {

  public Notification {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(receiverId, "receiverId");
    Objects.requireNonNull(channelId, "channelId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(createdAt, "createdAt");
    keys = List.copyOf(keys);
    items = List.copyOf(items);
    if (items.isEmpty()) {
      throw new IllegalArgumentException("a notification needs at least one item");
    }
  }

  /** The notification of outbox rows that go out together (same channel; the first row leads). */
  public static Notification of(List<OutboxEntry> rows) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("rows must not be empty");
    }
    OutboxEntry first = rows.get(0);
    return new Notification(first.key(), rows.stream().map(OutboxEntry::key).toList(), first.receiverId(),
        first.channelId(), first.item().kind(), rows.stream().map(OutboxEntry::item).toList(),
        first.threadRootKey(), first.previousKey(), first.createdAt());
  }

  /** A test message for {@code channelId} with sample facts. */
  public static Notification test(String channelId, Instant now) {
    String key = "test." + UUID.randomUUID();
    NotificationItem item = new NotificationItem(NotificationKind.TEST, "test", 0, "test", "test",
        "example/repository", "CI", "main", "Test notification: this channel is configured correctly", now,
        null, null, null, "Test notification", null, null, null);
    return new Notification(key, List.of(key), "test", channelId, NotificationKind.TEST, List.of(item), null,
        null, now);
  }

  /** The first item, which leads the message. */
  public NotificationItem lead() {
    return items.get(0);
  }
}

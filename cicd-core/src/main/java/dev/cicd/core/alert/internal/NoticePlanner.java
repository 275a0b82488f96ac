package dev.cicd.core.alert.internal;

import dev.cicd.core.alert.AlertConfig;
import dev.cicd.core.alert.AlertInstance;
import dev.cicd.core.alert.AlertStore;
import dev.cicd.core.alert.NotificationItem;
import dev.cicd.core.alert.NotificationKind;
import dev.cicd.core.alert.OutboxEntry;
import dev.cicd.core.alert.OutboxStatus;
import dev.cicd.core.alert.Receiver;
import dev.cicd.core.build.Build;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Turns one notice of an alert into outbox rows, one per receiver: idempotency keys, thread links,
 * ordering dependencies, grouping, and quiet-hour deferral.
 */
public final class NoticePlanner {
  private static final int MAX_CHAIN = 50;

  private final AlertStore store;

  public NoticePlanner(AlertStore store) {
    this.store = store;
  }

  /** Rows to enqueue, rows to cancel, and the instance with the notice recorded. */
  public record Plan(AlertInstance instance, List<OutboxEntry> rows, List<String> cancel) {}

  /** Idempotency key {@code fingerprint.episode.kind.seq.receiver}. */
  public static String key(String fingerprint, String ref, String receiverId) {
    return fingerprint + "." + ref + "." + receiverId;
  }

  public Plan plan(AlertInstance instance, NotificationKind kind, List<Receiver> receivers, @Nullable Build subject,
      AlertConfig config, Instant now, @Nullable String eventKey) {
    String ref = instance.episode() + "." + kind.wireName() + "." + instance.noticeSeq();
    String prevRef = instance.lastNoticeRef();
    boolean sameEpisode = prevRef != null && prevRef.startsWith(instance.episode() + ".");
    NotificationItem item = item(instance, kind, subject, now);
    List<OutboxEntry> rows = new ArrayList<>();
    List<String> cancel = new ArrayList<>();
    for (Receiver r : receivers) {
      String prevKey = prevRef == null ? null : key(instance.fingerprint(), prevRef, r.id());
      if (kind == NotificationKind.RESOLVED && sameEpisode && r.quiet().map(q -> q.contains(now)).orElse(false)) {
        cancel.addAll(pendingChain(prevKey));
      }
      if (kind == NotificationKind.RESOLVED && !r.sendResolved()) {
        continue;
      }
      String rootKey = instance.threadRootRef() == null ? null
          : key(instance.fingerprint(), instance.threadRootRef(), r.id());
      String groupKey = kind == NotificationKind.FIRING && item.commitSha() != null
          ? r.id() + "|" + item.repository() + "|" + item.commitSha() : null;
      Instant notBefore = now;
      if (kind == NotificationKind.FIRING) {
        Optional<Instant> release = groupKey == null ? Optional.empty() : store.groupRelease(groupKey);
        notBefore = release.orElse(now.plus(config.groupWait()));
      }
      if (r.quietHours() != null) {
        notBefore = r.quietHours().release(notBefore);
      }
      rows.add(OutboxEntry.pending(key(instance.fingerprint(), ref, r.id()), r.channel(), r.id(), item, groupKey,
          sameEpisode ? prevKey : null, rootKey, prevKey, now, notBefore));
    }
    Instant notified = kind == NotificationKind.RESOLVED ? null : now;
    return new Plan(instance.noticed(ref, notified, eventKey), rows, cancel);
  }

  /** The still-pending rows of a thread ending at {@code key}, following dependencies backwards. */
  private List<String> pendingChain(@Nullable String key) {
    List<String> chain = new ArrayList<>();
    String next = key;
    while (next != null && chain.size() < MAX_CHAIN) {
      Optional<OutboxEntry> row = store.findOutbox(next);
      if (row.isEmpty() || row.get().status() != OutboxStatus.PENDING) {
        break;
      }
      chain.add(next);
      next = row.get().dependsOn();
    }
    return chain;
  }

  static NotificationItem item(AlertInstance i, NotificationKind kind, @Nullable Build b, Instant now) {
    Instant since = i.firedAt() == null ? now : i.firedAt();
    return new NotificationItem(kind, i.fingerprint(), i.episode(), i.ruleId(), i.ruleType(), i.repository(),
        i.workflow(), i.branch(), i.summary(), since,
        b == null ? i.buildId() : b.id().asString(),
        b == null ? null : b.runNumber(),
        b == null ? i.commitSha() : b.commitSha(),
        b == null ? null : b.title(),
        b == null ? null : b.actor(),
        b == null ? null : b.durationMs(),
        b == null ? null : b.url());
  }
}

package dev.cicd.core.alert.internal;

import dev.cicd.core.alert.AlertSink;
import dev.cicd.core.alert.AlertSinkHealth;
import dev.cicd.core.alert.AlertStore;
import dev.cicd.core.alert.DeliveryAttemptResult;
import dev.cicd.core.alert.Notification;
import dev.cicd.core.alert.NotificationItem;
import dev.cicd.core.alert.NotificationKind;
import dev.cicd.core.alert.OutboxEntry;
import dev.cicd.core.alert.OutboxStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the due outbox rows of one channel: claims them under a lease, waits for thread
 * predecessors, applies silences and inhibition, sends grouped rows as one message, and records the
 * result with retries and exponential backoff. Used by one thread at a time.
 */
public final class ChannelWorker {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelWorker.class);

  private final AlertSink sink;
  private final AlertStore store;
  private final Clock clock;
  private final DispatchSettings settings;
  private final DeliveryHealth health;
  private @Nullable Instant pausedUntil;

  public ChannelWorker(AlertSink sink, AlertStore store, Clock clock, DispatchSettings settings) {
    this.sink = sink;
    this.store = store;
    this.clock = clock;
    this.settings = settings;
    this.health = new DeliveryHealth(sink);
  }

  /** Handles the rows due now; returns how many rows it handled. */
  public int runOnce() {
    Instant now = clock.instant();
    List<OutboxEntry> rows = store.claimDue(sink.id(), now, settings.batchSize(), settings.leaseOwner(),
        settings.leaseDuration());
    if (rows.isEmpty()) {
      return 0;
    }
    Suppressions suppressions = Suppressions.snapshot(store, now);
    Map<String, List<OutboxEntry>> units = new LinkedHashMap<>();
    for (OutboxEntry row : rows) {
      units.computeIfAbsent(row.groupKey() == null ? "key:" + row.key() : "group:" + row.groupKey(),
          k -> new ArrayList<>()).add(row);
    }
    for (List<OutboxEntry> unit : units.values()) {
      Instant at = clock.instant();
      if (pausedUntil != null && at.isBefore(pausedUntil)) {
        Instant resume = pausedUntil;
        unit.forEach(r -> store.reschedule(r.key(), settings.leaseOwner(), at, resume, null, false));
        continue;
      }
      List<OutboxEntry> ready = new ArrayList<>();
      for (OutboxEntry row : unit) {
        if (admit(row, suppressions, at)) {
          ready.add(row);
        }
      }
      if (!ready.isEmpty()) {
        deliver(ready);
      }
    }
    return rows.size();
  }

  public AlertSinkHealth health() {
    return health.current();
  }

  /** Settles rows that must wait, are moot or are suppressed; true when the row should be sent now. */
  private boolean admit(OutboxEntry row, Suppressions suppressions, Instant now) {
    String owner = settings.leaseOwner();
    if (row.dependsOn() != null) {
      Optional<OutboxEntry> dep = store.findOutbox(row.dependsOn());
      if (dep.isPresent() && dep.get().status() == OutboxStatus.PENDING) {
        Instant wait = now.plus(settings.dependencyWait());
        Instant next = dep.get().nextAttemptAt().isAfter(wait) ? dep.get().nextAttemptAt() : wait;
        store.reschedule(row.key(), owner, now, next, null, false);
        return false;
      }
      if (dep.isPresent() && dep.get().status() == OutboxStatus.CANCELLED
          && row.item().kind() == NotificationKind.RESOLVED) {
        store.complete(row.key(), owner, OutboxStatus.CANCELLED, now,
            "cancelled: the firing notification was never sent (resolved inside quiet hours)", false);
        return false;
      }
    }
    NotificationItem item = row.item();
    Optional<String> suppressed = suppressions.reason(item.ruleId(), item.ruleType(), item.repository(),
        item.workflow(), item.branch());
    if (suppressed.isPresent()) {
      store.complete(row.key(), owner, OutboxStatus.SUPPRESSED, now, suppressed.get(), false);
      return false;
    }
    return true;
  }

  private void deliver(List<OutboxEntry> rows) {
    Notification notification = Notification.of(rows);
    DeliveryAttemptResult result;
    try {
      result = sink.send(notification);
    } catch (RuntimeException e) {
      LOG.warn("Alert channel {} threw while sending {}", sink.id(), notification.key(), e);
      result = DeliveryAttemptResult.retryLater(null, "channel threw " + e.getClass().getSimpleName());
    }
    Instant now = clock.instant();
    String owner = settings.leaseOwner();
    if (result instanceof DeliveryAttemptResult.Delivered d) {
      rows.forEach(r -> store.complete(r.key(), owner, OutboxStatus.SENT, now, d.note(), true));
      health.delivered();
      LOG.debug("Delivered {} through {}", notification.key(), sink.id());
    } else if (result instanceof DeliveryAttemptResult.Permanent p) {
      rows.forEach(r -> store.complete(r.key(), owner, OutboxStatus.FAILED, now, p.reason(), true));
      health.permanent(p.reason(), now);
      LOG.warn("Alert channel {} rejected {} permanently: {}", sink.id(), notification.key(), p.reason());
    } else {
      DeliveryAttemptResult.RetryLater retry = (DeliveryAttemptResult.RetryLater) result;
      Instant next = null;
      for (OutboxEntry r : rows) {
        int attempts = r.attempts() + 1;
        if (Duration.between(r.createdAt(), now).compareTo(settings.maxAge()) >= 0) {
          store.complete(r.key(), owner, OutboxStatus.FAILED, now,
              "gave up after " + attempts + " attempts: " + retry.reason(), true);
          continue;
        }
        Duration wait = retry.retryAfter() != null ? retry.retryAfter() : settings.backoff(attempts);
        next = now.plus(wait);
        store.reschedule(r.key(), owner, now, next, retry.reason(), true);
      }
      pausedUntil = next;
      health.retrying(retry.reason(), now);
      LOG.warn("Alert channel {} could not deliver {} ({}); retrying at {}", sink.id(), notification.key(),
          retry.reason(), next);
    }
  }
}

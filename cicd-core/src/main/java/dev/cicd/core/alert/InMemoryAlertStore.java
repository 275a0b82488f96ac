package dev.cicd.core.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The reference {@link AlertStore}: kept in memory, lost on restart. Every method holds one lock, so
 * each call is atomic. For tests, demos and small embedded use.
 */
public final class InMemoryAlertStore implements AlertStore {
  private static final Comparator<OutboxEntry> NEWEST_FIRST =
      Comparator.comparing(OutboxEntry::createdAt).thenComparing(OutboxEntry::key).reversed();
  private static final Comparator<OutboxEntry> DUE_ORDER = Comparator.comparing(OutboxEntry::nextAttemptAt)
      .thenComparing(OutboxEntry::createdAt).thenComparing(OutboxEntry::key);

  private final Object lock = new Object();
  private @Nullable AlertConfig config;
  private final Map<String, AlertInstance> instances = new LinkedHashMap<>();
  private final List<AlertTransition> transitions = new ArrayList<>();
  private final Map<String, OutboxEntry> outbox = new LinkedHashMap<>();
  private final Map<String, Silence> silences = new LinkedHashMap<>();

  @Override
  public Optional<AlertConfig> loadConfig() {
    synchronized (lock) {
      return Optional.ofNullable(config);
    }
  }

  @Override
  public void saveConfig(AlertConfig newConfig) {
    synchronized (lock) {
      config = Objects.requireNonNull(newConfig, "config");
    }
  }

  @Override
  public Optional<AlertInstance> findInstance(String fingerprint) {
    synchronized (lock) {
      return Optional.ofNullable(instances.get(fingerprint));
    }
  }

  @Override
  public List<AlertInstance> instances(Set<AlertState> states) {
    synchronized (lock) {
      return instances.values().stream().filter(i -> states.contains(i.state()))
          .sorted(Comparator.comparing(AlertInstance::since).thenComparing(AlertInstance::fingerprint)).toList();
    }
  }

  @Override
  public AlertInstance commit(AlertUpdate update) {
    Objects.requireNonNull(update, "update");
    synchronized (lock) {
      AlertInstance current = instances.get(update.instance().fingerprint());
      long currentVersion = current == null ? 0 : current.version();
      if (currentVersion != update.expectedVersion()) {
        throw new ConcurrentAlertModificationException(update.instance().fingerprint(), update.expectedVersion());
      }
      AlertInstance stored = update.instance().withVersion(currentVersion + 1);
      instances.put(stored.fingerprint(), stored);
      transitions.addAll(update.transitions());
      for (OutboxEntry row : update.enqueue()) {
        outbox.putIfAbsent(row.key(), row);
      }
      for (String key : update.cancelPending()) {
        OutboxEntry row = outbox.get(key);
        if (row != null && row.status() == OutboxStatus.PENDING && !row.isLeasedAt(update.at())) {
          outbox.put(key, row.withDelivery(OutboxStatus.CANCELLED, row.attempts(), row.nextAttemptAt(),
              row.lastAttemptAt(), "cancelled: the alert resolved before this was sent"));
        }
      }
      return stored;
    }
  }

  @Override
  public List<AlertTransition> transitions(@Nullable String fingerprint, int limit) {
    synchronized (lock) {
      List<AlertTransition> result = new ArrayList<>();
      for (int i = transitions.size() - 1; i >= 0 && result.size() < limit; i--) {
        AlertTransition t = transitions.get(i);
        if (fingerprint == null || fingerprint.equals(t.fingerprint())) {
          result.add(t);
        }
      }
      return result;
    }
  }

  @Override
  public Optional<OutboxEntry> findOutbox(String key) {
    synchronized (lock) {
      return Optional.ofNullable(outbox.get(key));
    }
  }

  @Override
  public List<OutboxEntry> outbox(@Nullable OutboxStatus status, int limit) {
    synchronized (lock) {
      return outbox.values().stream().filter(r -> status == null || r.status() == status).sorted(NEWEST_FIRST)
          .limit(Math.max(0, limit)).toList();
    }
  }

  @Override
  public Map<OutboxStatus, Long> outboxCounts() {
    synchronized (lock) {
      Map<OutboxStatus, Long> counts = new EnumMap<>(OutboxStatus.class);
      outbox.values().forEach(r -> counts.merge(r.status(), 1L, Long::sum));
      return counts;
    }
  }

  @Override
  public Optional<Instant> groupRelease(String groupKey) {
    synchronized (lock) {
      return outbox.values().stream()
          .filter(r -> groupKey.equals(r.groupKey()) && r.status() == OutboxStatus.PENDING && r.attempts() == 0)
          .map(OutboxEntry::nextAttemptAt).min(Comparator.naturalOrder());
    }
  }

  @Override
  public List<OutboxEntry> claimDue(@Nullable String channelId, Instant now, int limit, String leaseOwner,
      Duration leaseDuration) {
    synchronized (lock) {
      List<OutboxEntry> due = outbox.values().stream()
          .filter(r -> r.status() == OutboxStatus.PENDING && !r.nextAttemptAt().isAfter(now) && !r.isLeasedAt(now))
          .filter(r -> channelId == null || channelId.equals(r.channelId()))
          .sorted(DUE_ORDER).limit(Math.max(0, limit)).toList();
      List<OutboxEntry> claimed = new ArrayList<>(due.size());
      for (OutboxEntry row : due) {
        OutboxEntry leased = row.withLease(leaseOwner, now.plus(leaseDuration));
        outbox.put(row.key(), leased);
        claimed.add(leased);
      }
      return claimed;
    }
  }

  @Override
  public boolean complete(String key, String leaseOwner, OutboxStatus status, Instant at, @Nullable String detail,
      boolean attempted) {
    if (!status.isFinal()) {
      throw new IllegalArgumentException("status must be final, but was " + status);
    }
    synchronized (lock) {
      OutboxEntry row = ownedPending(key, leaseOwner);
      if (row == null) {
        return false;
      }
      outbox.put(key, row.withDelivery(status, row.attempts() + (attempted ? 1 : 0), row.nextAttemptAt(),
          attempted ? at : row.lastAttemptAt(), detail));
      return true;
    }
  }

  @Override
  public boolean reschedule(String key, String leaseOwner, Instant at, Instant nextAttemptAt,
      @Nullable String error, boolean attempted) {
    synchronized (lock) {
      OutboxEntry row = ownedPending(key, leaseOwner);
      if (row == null) {
        return false;
      }
      outbox.put(key, row.withDelivery(OutboxStatus.PENDING, row.attempts() + (attempted ? 1 : 0), nextAttemptAt,
          attempted ? at : row.lastAttemptAt(),
          error == null ? row.lastError() : error));
      return true;
    }
  }

  private @Nullable OutboxEntry ownedPending(String key, String leaseOwner) {
    OutboxEntry row = outbox.get(key);
    if (row == null || row.status() != OutboxStatus.PENDING || !leaseOwner.equals(row.leaseOwner())) {
      return null;
    }
    return row;
  }

  @Override
  public void saveSilence(Silence silence) {
    synchronized (lock) {
      silences.put(silence.id(), silence);
    }
  }

  @Override
  public Optional<Silence> findSilence(String id) {
    synchronized (lock) {
      return Optional.ofNullable(silences.get(id));
    }
  }

  @Override
  public List<Silence> silences() {
    synchronized (lock) {
      return silences.values().stream()
          .sorted(Comparator.comparing(Silence::createdAt).thenComparing(Silence::id).reversed()).toList();
    }
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "InMemoryAlertStore[" + instances.size() + " alerts, " + outbox.size() + " outbox rows]";
    }
  }
}

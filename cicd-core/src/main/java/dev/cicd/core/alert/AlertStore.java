package dev.cicd.core.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Persists alerting state: the configuration, alert instances, their transition history, the
 * notification outbox and silences. Implementations must be thread-safe and, when several processes
 * share one database, safe across processes; every one must pass {@code AlertStoreContract} from the
 * {@code cicd-core} test-jar. Storage failures surface as {@link AlertStoreException}. Lookups of
 * unknown ids return empty results, never null, and never throw.
 *
 * <p>SQL shape: tables for config, instances (key fingerprint, optimistic version), transitions
 * (append-only), outbox (key unique; status, attempts, next attempt, lease columns) and silences.
 */
public interface AlertStore {

  /** @return the saved configuration, or empty when none was saved. */
  Optional<AlertConfig> loadConfig();

  /** Replaces the saved configuration. */
  void saveConfig(AlertConfig config);

  /** @return the instance with this fingerprint, or empty. */
  Optional<AlertInstance> findInstance(String fingerprint);

  /** @return instances in any of {@code states}, oldest state change first. */
  List<AlertInstance> instances(Set<AlertState> states);

  /**
   * Applies an update atomically (one transaction): stores the instance with version
   * {@code expectedVersion + 1}, appends the transitions, inserts the outbox rows (a row whose key
   * exists already is skipped, leaving the stored row as it was) and cancels the listed rows that are
   * still {@link OutboxStatus#PENDING} and not leased at {@code update.at()}. Unknown keys to cancel are
   * ignored.
   *
   * @return the instance as stored
   * @throws ConcurrentAlertModificationException if the stored version is not
   *     {@code expectedVersion} (0: the instance must not exist); nothing is written then
   */
  AlertInstance commit(AlertUpdate update);

  /**
   * @param fingerprint only this alert's transitions, or all when null
   * @return at most {@code limit} transitions, newest first (in commit order)
   */
  List<AlertTransition> transitions(@Nullable String fingerprint, int limit);

  /** @return the outbox row with this key, or empty. */
  Optional<OutboxEntry> findOutbox(String key);

  /**
   * @param status only rows in this status, or all when null
   * @return at most {@code limit} outbox rows, newest first (by creation, then key)
   */
  List<OutboxEntry> outbox(@Nullable OutboxStatus status, int limit);

  /** @return the number of outbox rows per status (statuses without rows may be missing). */
  Map<OutboxStatus, Long> outboxCounts();

  /**
   * @return the earliest {@code nextAttemptAt} of a pending row with this group key that was never
   *     attempted, or empty; new rows of a group are aligned to it so they go out together
   */
  Optional<Instant> groupRelease(String groupKey);

  /**
   * Leases due rows: pending rows of {@code channelId} (every channel when null) with
   * {@code nextAttemptAt <= now} whose lease is absent or expired, at most {@code limit}, ordered by
   * {@code nextAttemptAt}, then creation, then key. Each returned row carries the new lease
   * ({@code leaseOwner}, {@code now + leaseDuration}). Atomic: concurrent callers never receive the
   * same row while its lease is valid (SQL: {@code FOR UPDATE SKIP LOCKED} or a conditional update).
   */
  List<OutboxEntry> claimDue(@Nullable String channelId, Instant now, int limit, String leaseOwner,
      Duration leaseDuration);

  /** {@link #claimDue(String, Instant, int, String, Duration)} for every channel. */
  default List<OutboxEntry> claimDue(Instant now, int limit, String leaseOwner, Duration leaseDuration) {
    return claimDue(null, now, limit, leaseOwner, leaseDuration);
  }

  /**
   * Finishes a leased row: sets a final status, clears the lease, records {@code detail} as its last
   * error or note, and counts an attempt when {@code attempted}.
   *
   * @param status a final status (not {@link OutboxStatus#PENDING})
   * @return false, changing nothing, when the row is unknown, not pending, or leased by another owner
   */
  boolean complete(String key, String leaseOwner, OutboxStatus status, Instant at, @Nullable String detail,
      boolean attempted);

  /**
   * Puts a leased row back to pending for {@code nextAttemptAt}, clearing the lease; when
   * {@code attempted}, counts an attempt made at {@code at}. A null {@code error} keeps the last error.
   *
   * @return false, changing nothing, when the row is unknown, not pending, or leased by another owner
   */
  boolean reschedule(String key, String leaseOwner, Instant at, Instant nextAttemptAt, @Nullable String error,
      boolean attempted);

  /** Inserts or replaces the silence with this id. */
  void saveSilence(Silence silence);

  /** @return the silence, or empty. */
  Optional<Silence> findSilence(String id);

  /** @return every silence, expired ones included, newest first. */
  List<Silence> silences();

  /** @return the silences active at {@code now}. */
  default List<Silence> activeSilences(Instant now) {
    return silences().stream().filter(s -> s.isActiveAt(now)).toList();
  }
}

package dev.cicd.store.jpa.alert.internal;

import dev.cicd.core.alert.AlertInstance;
import dev.cicd.core.alert.AlertStoreException;
import dev.cicd.core.alert.AlertUpdate;
import dev.cicd.core.alert.ConcurrentAlertModificationException;
import dev.cicd.store.jpa.internal.Failures;

/**
 * Applies an {@link AlertUpdate} in one transaction: the instance row first (insert at version 1, or
 * update from the expected version), which also serialises commits of one alert, then its transitions,
 * the new outbox rows and the cancellations. Losing the version race rolls everything back.
 */
public final class Commits {
  private final AlertDb db;
  private final InstanceTable instances;
  private final TransitionTable transitions;
  private final OutboxTable outbox;

  public Commits(AlertDb db, InstanceTable instances, TransitionTable transitions, OutboxTable outbox) {
    this.db = db;
    this.instances = instances;
    this.transitions = transitions;
    this.outbox = outbox;
  }

  public AlertInstance commit(AlertUpdate update) {
    AlertInstance instance = update.instance();
    long expected = update.expectedVersion();
    try {
      db.transaction(() -> "Failed to commit alert " + instance.fingerprint(), c -> {
        if (expected == 0) {
          instances.insert(c, instance);
        } else if (!instances.update(c, instance, expected)) {
          throw new ConcurrentAlertModificationException(instance.fingerprint(), expected);
        }
        transitions.append(c, update.transitions());
        outbox.insertAbsent(c, update.enqueue());
        outbox.cancel(c, update.cancelPending(), update.at());
        return null;
      });
    } catch (AlertStoreException e) {
      if (isLostRace(e, expected)) {
        throw new ConcurrentAlertModificationException(instance.fingerprint(), expected);
      }
      throw e;
    }
    return instance.withVersion(expected + 1);
  }

  /** A concurrent creation of the same alert, or a write conflict / deadlock with another commit. */
  private static boolean isLostRace(AlertStoreException e, long expected) {
    return (expected == 0 && Failures.isUniqueViolation(e)) || Failures.isWriteConflict(e);
  }
}

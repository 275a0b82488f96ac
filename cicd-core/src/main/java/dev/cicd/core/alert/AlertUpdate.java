package dev.cicd.core.alert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one evaluation step writes, applied atomically by {@link AlertStore#commit}: the
 * instance's new state, its transition history, the notifications it causes, and pending rows it
 * makes moot.
 *
 * @param expectedVersion the instance version the update was computed from; 0 for a new instance
 * @param cancelPending keys of outbox rows to cancel if they are still pending and not leased at
 *     {@code at}
 * @param at the time of the update
 */
public record AlertUpdate(
    long expectedVersion,
    AlertInstance instance,
    List<AlertTransition> transitions,
    List<OutboxEntry> enqueue,
    List<String> cancelPending,
    Instant at) {

  public AlertUpdate {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(at, "at");
    transitions = List.copyOf(transitions);
    enqueue = List.copyOf(enqueue);
    cancelPending = List.copyOf(cancelPending);
    for (AlertTransition t : transitions) {
      if (!t.fingerprint().equals(instance.fingerprint())) {
        throw new IllegalArgumentException("transition of another alert: " + t.fingerprint());
      }
    }
  }
}

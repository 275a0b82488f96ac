package dev.cicd.core.alert.internal;

import dev.cicd.core.alert.AlertConfig;
import dev.cicd.core.alert.AlertInstance;
import dev.cicd.core.alert.AlertStore;
import dev.cicd.core.alert.AlertUpdate;
import dev.cicd.core.alert.ConcurrentAlertModificationException;
import dev.cicd.core.alert.OutboxEntry;
import dev.cicd.core.alert.Receiver;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads an instance, decides its step, and commits the step with its outbox rows in one
 * {@link AlertStore#commit}; re-reads and decides again when another writer got there first.
 */
public final class InstanceUpdater {
  private static final int MAX_ATTEMPTS = 5;

  private final AlertStore store;
  private final NoticePlanner planner;

  public InstanceUpdater(AlertStore store) {
    this.store = store;
    this.planner = new NoticePlanner(store);
  }

  /** @return the stored instance after the step, or empty when nothing changed */
  public Optional<AlertInstance> apply(String ruleId, String ruleType, Series series,
      Function<AlertInstance, Optional<Step>> decide, List<Receiver> receivers, AlertConfig config, Instant now) {
    String fingerprint = AlertInstance.fingerprint(ruleId, series.repository(), series.workflow(), series.branch());
    for (int attempt = 1; ; attempt++) {
      AlertInstance current = store.findInstance(fingerprint).orElseGet(() -> AlertInstance.inactive(ruleId,
          ruleType, series.repository(), series.workflow(), series.branch(), now));
      Optional<Step> step = decide.apply(current);
      if (step.isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.of(store.commit(update(current, step.get(), receivers, config, now)));
      } catch (ConcurrentAlertModificationException e) {
        if (attempt >= MAX_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private AlertUpdate update(AlertInstance current, Step step, List<Receiver> receivers, AlertConfig config,
      Instant now) {
    AlertInstance next = step.next();
    List<OutboxEntry> rows = List.of();
    List<String> cancel = List.of();
    if (step.notice() != null && !receivers.isEmpty()) {
      NoticePlanner.Plan plan = planner.plan(next, step.notice(), receivers, step.subject(), config, now,
          step.eventKey());
      next = plan.instance();
      rows = plan.rows();
      cancel = plan.cancel();
    }
    return new AlertUpdate(current.version(), next,
        step.transition() == null ? List.of() : List.of(step.transition()), rows, cancel, now);
  }
}

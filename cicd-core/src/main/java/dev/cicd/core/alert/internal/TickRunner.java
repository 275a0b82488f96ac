package dev.cicd.core.alert.internal;

import dev.cicd.core.alert.AlertConfig;
import dev.cicd.core.alert.AlertInstance;
import dev.cicd.core.alert.AlertRule;
import dev.cicd.core.alert.AlertState;
import dev.cicd.core.alert.Receiver;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The periodic tick: re-evaluates time-based rules, retires alerts whose rule was removed or no longer
 * covers them, and sends reminders and post-silence notifications. Grouping and quiet hours need no
 * tick: their rows simply become due in the outbox.
 */
public final class TickRunner {
  private final EngineContext ctx;
  private final SeriesEvaluator evaluator;
  private final InstanceUpdater updater;
  private final Reminders reminders;
  private final StripedLocks locks;

  public TickRunner(EngineContext ctx, SeriesEvaluator evaluator, InstanceUpdater updater, StripedLocks locks) {
    this.ctx = ctx;
    this.evaluator = evaluator;
    this.updater = updater;
    this.reminders = new Reminders(ctx, updater);
    this.locks = locks;
  }

  /** One tick; store failures propagate and leave every state as it was before the failing step. */
  public void tick(AlertConfig config, Instant now) {
    Map<Series, Set<AlertRule>> work = SeriesDiscovery.discover(ctx, evaluator, config.rules(), now);
    for (Map.Entry<Series, Set<AlertRule>> entry : work.entrySet()) {
      withLock(entry.getKey(), () -> evaluator.evaluate(entry.getKey(), List.copyOf(entry.getValue()), config, now));
    }
    for (AlertInstance open : ctx.store().instances(EnumSet.of(AlertState.PENDING, AlertState.FIRING))) {
      if (Suppressions.SYSTEM_TYPE.equals(open.ruleType())) {
        continue;
      }
      Series series = seriesOf(open);
      Optional<AlertRule> rule = config.rule(open.ruleId());
      String reason = rule.isEmpty() ? "rule removed"
          : !rule.get().scope().matches(series.repository(), series.workflow(), series.branch(), ctx.branches())
              ? "no longer in the rule's scope" : null;
      if (reason != null) {
        withLock(series, () -> updater.apply(open.ruleId(), open.ruleType(), series,
            current -> current.state().isOpen() ? Optional.of(Step.retire(current, now, reason)) : Optional.empty(),
            List.of(), config, now));
      }
    }
    Suppressions suppressions = Suppressions.snapshot(ctx.store(), now);
    for (AlertInstance firing : ctx.store().instances(EnumSet.of(AlertState.FIRING))) {
      List<Receiver> receivers = Suppressions.SYSTEM_TYPE.equals(firing.ruleType())
          ? config.effectiveReceivers(ctx.channels())
          : config.rule(firing.ruleId()).map(r -> config.receiversOf(r, ctx.channels())).orElse(List.of());
      withLock(seriesOf(firing), () -> reminders.remind(firing, receivers, config, suppressions, now));
    }
  }

  private void withLock(Series series, Runnable work) {
    ReentrantLock lock = locks.lockFor(series);
    lock.lock();
    try {
      work.run();
    } finally {
      lock.unlock();
    }
  }

  private static Series seriesOf(AlertInstance instance) {
    return new Series(instance.repository(), instance.workflow(), instance.branch());
  }
}

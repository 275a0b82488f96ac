package dev.cicd.core.alert.internal;

import dev.cicd.core.alert.AlertConfig;
import dev.cicd.core.alert.AlertRule;
import dev.cicd.core.alert.AlertState;
import java.time.Instant;
import java.util.List;

/** Evaluates rules over one series: loads its history once, then decides and commits each rule's step. */
public final class SeriesEvaluator {
  private final EngineContext ctx;
  private final InstanceUpdater updater;

  public SeriesEvaluator(EngineContext ctx, InstanceUpdater updater) {
    this.ctx = ctx;
    this.updater = updater;
  }

  /** The rules of {@code config} whose scope contains the series. */
  public List<AlertRule> rulesFor(Series series, AlertConfig config, boolean timeBasedOnly) {
    return config.rules().stream()
        .filter(r -> !timeBasedOnly || r.timeBased())
        .filter(r -> r.scope().matches(series.repository(), series.workflow(), series.branch(), ctx.branches()))
        .toList();
  }

  /** Evaluates and commits; store failures propagate (states stay as they were). */
  public void evaluate(Series series, List<AlertRule> rules, AlertConfig config, Instant now) {
    if (rules.isEmpty()) {
      return;
    }
    SeriesHistory history = ctx.loader().load(series, RuleEvaluator.qualifyingNeeded(rules),
        RuleEvaluator.since(rules, now), now);
    for (AlertRule rule : rules) {
      updater.apply(rule.id(), rule.type(), series,
          current -> Step.decide(current, RuleEvaluator.evaluate(rule, history, current.state() == AlertState.FIRING),
              now),
          config.receiversOf(rule, ctx.channels()), config, now);
    }
  }
}

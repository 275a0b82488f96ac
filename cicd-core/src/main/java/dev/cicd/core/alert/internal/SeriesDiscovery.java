package dev.cicd.core.alert.internal;

import dev.cicd.core.alert.AlertInstance;
import dev.cicd.core.alert.AlertRule;
import dev.cicd.core.alert.AlertState;
import dev.cicd.core.alert.SilentPipelineRule;
import dev.cicd.core.build.Build;
import dev.cicd.core.store.BuildQuery;
import dev.cicd.core.store.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds, for the periodic tick, which series each time-based rule must look at: series with builds
 * created within the lookback, scheduled series for silent-pipeline rules (looking back three silence
 * limits), and series whose alert is open.
 */
final class SeriesDiscovery {
  private SeriesDiscovery() {}

  static Map<Series, Set<AlertRule>> discover(EngineContext ctx, SeriesEvaluator evaluator, List<AlertRule> rules,
      Instant now) {
    Map<Series, Set<AlertRule>> work = new LinkedHashMap<>();
    List<AlertRule> timeBased = rules.stream().filter(AlertRule::timeBased).toList();
    if (timeBased.isEmpty()) {
      return work;
    }
    Set<Series> recent = scan(ctx, null, now.minus(ctx.lookback()), now);
    Duration scheduleLookback = ctx.lookback();
    for (AlertRule r : timeBased) {
      if (r instanceof SilentPipelineRule s && s.maxSilence().multipliedBy(3).compareTo(scheduleLookback) > 0) {
        scheduleLookback = s.maxSilence().multipliedBy(3);
      }
    }
    Set<Series> scheduled = scan(ctx, SilentPipelineRule.SCHEDULE_EVENT, now.minus(scheduleLookback), now);
    for (AlertRule rule : timeBased) {
      Set<Series> candidates = rule instanceof SilentPipelineRule ? scheduled : recent;
      for (Series s : candidates) {
        if (rule.scope().matches(s.repository(), s.workflow(), s.branch(), ctx.branches())) {
          work.computeIfAbsent(s, k -> new LinkedHashSet<>()).add(rule);
        }
      }
    }
    for (AlertInstance open : ctx.store().instances(EnumSet.of(AlertState.PENDING, AlertState.FIRING))) {
      for (AlertRule rule : timeBased) {
        if (rule.id().equals(open.ruleId())) {
          work.computeIfAbsent(new Series(open.repository(), open.workflow(), open.branch()),
              k -> new LinkedHashSet<>()).add(rule);
        }
      }
    }
    return work;
  }

  private static Set<Series> scan(EngineContext ctx, @Nullable String event, Instant from, Instant now) {
    Set<Series> series = new LinkedHashSet<>();
    String cursor = null;
    int scanned = 0;
    do {
      Page<Build> page = ctx.builds().list(BuildQuery.builder().event(event).from(from)
          .to(now.plus(Duration.ofDays(1))).limit(BuildQuery.MAX_LIMIT).cursor(cursor).build());
      page.items().forEach(b -> series.add(Series.of(b)));
      scanned += page.items().size();
      cursor = page.nextCursor();
    } while (cursor != null && scanned < ctx.maxScan());
    return series;
  }
}

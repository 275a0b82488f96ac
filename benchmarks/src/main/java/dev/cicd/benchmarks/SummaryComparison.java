package dev.cicd.benchmarks;

import dev.cicd.core.metrics.BuildSummary;
import dev.cicd.core.metrics.BuildSummary.DailyPoint;
import dev.cicd.core.metrics.BuildSummary.GroupStats;
import dev.cicd.core.metrics.NearestRank;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Field-by-field comparison of the store's summary with the hand-written SQL's numbers. */
final class SummaryComparison {
  private final List<String> differences = new ArrayList<>();

  static List<String> compare(BuildSummary fast, HandWrittenSql.Result sql) {
    SummaryComparison c = new SummaryComparison();
    c.check("total", fast.builds().total(), sql.total());
    c.check("success", fast.builds().success(), sql.success());
    c.check("failure", fast.builds().failure(), sql.failure());
    c.check("cancelled", fast.builds().cancelled(), sql.cancelled());
    c.check("skipped", fast.builds().skipped(), sql.skipped());
    c.check("successRate", fast.successRate(), NearestRank.ratio(sql.success(), sql.rated()));
    c.check("duration count", fast.durationMs().count(), sql.durationCount());
    c.check("duration avg", fast.durationMs().avg(),
        sql.durationCount() == 0 ? null : (double) sql.durationSum() / sql.durationCount());
    c.check("duration p50", fast.durationMs().p50(), sql.durationP50());
    c.check("duration p95", fast.durationMs().p95(), sql.durationP95());
    c.check("queue count", fast.queueMs().count(), sql.queueCount());
    c.check("queue p50", fast.queueMs().p50(), sql.queueP50());
    c.check("queue p95", fast.queueMs().p95(), sql.queueP95());
    c.check("flaky", fast.flakyBuilds(), sql.flaky());
    c.check("firstAttemptSuccessRate", fast.firstAttemptSuccessRate(),
        NearestRank.ratio(sql.firstAttemptSuccess(), sql.rated()));
    c.check("rerunRate", fast.rerunRate(), NearestRank.ratio(sql.reruns(), sql.total()));
    c.check("repositories", fast.byRepository().size(), sql.byRepository().size());
    for (GroupStats g : fast.byRepository()) {
      c.group("repository " + g.repository(), g, sql.byRepository().get(g.repository()));
    }
    c.check("workflows", fast.byWorkflow().size(), sql.byWorkflow().size());
    for (GroupStats g : fast.byWorkflow()) {
      c.group("workflow " + g.repository() + " " + g.workflow(), g,
          sql.byWorkflow().get(List.of(g.repository(), Objects.requireNonNull(g.workflow()))));
    }
    for (DailyPoint d : fast.daily()) {
      HandWrittenSql.Group g = sql.daily().get(d.date());
      if (g == null) {
        c.check("day " + d.date() + " total", d.total(), 0L);
      } else {
        c.check("day " + d.date(), List.of(d.total(), d.success(), d.failed(), String.valueOf(d.p50DurationMs()),
            String.valueOf(d.p95DurationMs())), List.of(g.total(), g.success(), g.failed(), String.valueOf(g.p50()),
            String.valueOf(g.p95())));
      }
    }
    return c.differences;
  }

  private void group(String name, GroupStats fast, HandWrittenSql.Group sql) {
    if (sql == null) {
      differences.add(name + ": missing from the hand-written SQL");
      return;
    }
    check(name, List.of(fast.total(), fast.success(), fast.failed(), String.valueOf(fast.p50DurationMs()),
        String.valueOf(fast.p95DurationMs())), List.of(sql.total(), sql.success(), sql.failed(),
        String.valueOf(sql.p50()), String.valueOf(sql.p95())));
  }

  private void check(String name, Object fast, Object sql) {
    if (!Objects.equals(fast, sql)) {
      differences.add(name + ": store " + fast + " vs hand-written SQL " + sql);
    }
  }
}

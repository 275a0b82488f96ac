package dev.cicd.store.jpa.internal.metrics;

import dev.cicd.core.metrics.BuildSummary;
import dev.cicd.core.metrics.BuildSummary.ConclusionCounts;
import dev.cicd.core.metrics.BuildSummary.DailyPoint;
import dev.cicd.core.metrics.BuildSummary.DoraMetrics;
import dev.cicd.core.metrics.BuildSummary.DurationStats;
import dev.cicd.core.metrics.BuildSummary.GroupStats;
import dev.cicd.core.metrics.BuildSummary.QueueStats;
import dev.cicd.core.metrics.MetricsQuery;
import dev.cicd.core.metrics.NearestRank;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Turns a {@link WindowScan} into a {@link BuildSummary}, percentiles included, in the core's orders. */
final class SummaryAssembly {
  private final WindowScan scan;
  private final List<LocalDate> days;

  SummaryAssembly(WindowScan scan, List<LocalDate> days) {
    this.scan = scan;
    this.days = days;
  }

  BuildSummary summary(MetricsQuery query, QueueStats queue, @Nullable Double mttr, DoraMetrics dora,
      Map<Long, String> names) {
    GroupedPercentiles.Result[] p = GroupedPercentiles.compute(scan.durations,
        new IntList[] {scan.durationAll, scan.durationRepository, scan.durationWorkflow, scan.durationDay},
        new int[] {1, scan.repositories.size(), scan.workflows.size(), days.size()});
    long[] all = scan.durations.toArray();
    long sum = 0;
    for (long d : all) {
      sum += d;
    }
    Double mean = all.length == 0 ? null : (double) sum / all.length;
    ConclusionCounts counts = new ConclusionCounts(scan.total, scan.successConclusion, scan.failureConclusion,
        scan.cancelled, scan.skipped,
        scan.total - scan.successConclusion - scan.failureConclusion - scan.cancelled - scan.skipped);
    long rated = scan.success + scan.failed;
    return new BuildSummary(query.from(), query.to(), counts,
        NearestRank.ratio(scan.success, rated),
        new DurationStats(all.length, mean, p[0].p50()[0], p[0].p95()[0]),
        queue, mttr, scan.flaky,
        NearestRank.ratio(scan.firstAttemptSuccess, rated),
        NearestRank.ratio(scan.reruns, scan.total),
        repositories(p[1], names), workflows(p[2], names), daily(p[3]), dora);
  }

  private List<GroupStats> repositories(GroupedPercentiles.Result p, Map<Long, String> names) {
    List<GroupStats> groups = new ArrayList<>();
    for (int i = 0; i < scan.repositories.size(); i++) {
      groups.add(group(scan.byRepository, i, name(names, scan.repositories.key(i, 0)), null, p));
    }
    groups.sort(Comparator.comparing(GroupStats::repository));
    return groups;
  }

  private List<GroupStats> workflows(GroupedPercentiles.Result p, Map<Long, String> names) {
    List<GroupStats> groups = new ArrayList<>();
    for (int i = 0; i < scan.workflows.size(); i++) {
      groups.add(group(scan.byWorkflow, i, name(names, scan.workflows.key(i, 0)),
          name(names, scan.workflows.key(i, 1)), p));
    }
    groups.sort(Comparator.comparing(GroupStats::repository)
        .thenComparing(g -> g.workflow() == null ? "" : g.workflow()));
    return groups;
  }

  private static GroupStats group(GroupCounts counts, int i, String repository, @Nullable String workflow,
      GroupedPercentiles.Result p) {
    long success = counts.success(i);
    long failed = counts.failed(i);
    return new GroupStats(repository, workflow, counts.total(i), success, failed,
        NearestRank.ratio(success, success + failed), p.p50()[i], p.p95()[i]);
  }

  private List<DailyPoint> daily(GroupedPercentiles.Result p) {
    List<DailyPoint> points = new ArrayList<>(days.size());
    for (int i = 0; i < days.size(); i++) {
      long success = scan.byDay.success(i);
      long failed = scan.byDay.failed(i);
      points.add(new DailyPoint(days.get(i), scan.byDay.total(i), success, failed,
          NearestRank.ratio(success, success + failed), p.p50()[i], p.p95()[i]));
    }
    return points;
  }

  private static String name(Map<Long, String> names, long term) {
    String name = names.get(term);
    if (name == null) {
      throw new IllegalStateException("term " + term + " is missing from the term table");
    }
    return name;
  }
}

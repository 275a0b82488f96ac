package dev.cicd.core.metrics;

import dev.cicd.core.build.Build;
import dev.cicd.core.metrics.BuildSummary.DailyPoint;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The daily series: one point per calendar day (in the query's zone) that the window touches. */
final class DailySeries {
  private DailySeries() {}

  static List<DailyPoint> of(List<Build> window, MetricsQuery query) {
    Map<LocalDate, MetricsCalculator.BuildStats> days = new LinkedHashMap<>();
    LocalDate first = query.from().atZone(query.zone()).toLocalDate();
    LocalDate last = query.to().minusNanos(1).atZone(query.zone()).toLocalDate();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      days.put(d, new MetricsCalculator.BuildStats(query.policy()));
    }
    for (Build build : window) {
      LocalDate day = Objects.requireNonNull(build.completedAt()).atZone(query.zone()).toLocalDate();
      days.get(day).add(build);
    }
    List<DailyPoint> points = new ArrayList<>();
    days.forEach((day, stats) -> {
      long[] sorted = stats.durations();
      points.add(new DailyPoint(day, stats.total, stats.success, stats.failed,
          NearestRank.ratio(stats.success, stats.success + stats.failed),
          NearestRank.ofSorted(sorted, 50), NearestRank.ofSorted(sorted, 95)));
    });
    return points;
  }
}

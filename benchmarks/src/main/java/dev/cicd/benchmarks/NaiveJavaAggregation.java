package dev.cicd.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The other reference approach: load the window's compact rows (names, conclusion, time, duration)
 * into Java and aggregate there with maps and sorted lists; same sections as {@link HandWrittenSql}
 * (no MTTR, no DORA). Used only for timing.
 */
final class NaiveJavaAggregation {
  private final String build;
  private final String job;

  NaiveJavaAggregation(String prefix) {
    this.build = prefix + "build";
    this.job = prefix + "job";
  }

  /** Returns a number derived from every section so the work cannot be skipped. */
  long run(Connection c, long from, long to) throws SQLException {
    Map<String, List<Long>> byRepository = new HashMap<>();
    Map<String, List<Long>> byWorkflow = new HashMap<>();
    Map<Long, List<Long>> byDay = new HashMap<>();
    List<Long> all = new ArrayList<>();
    long total = 0;
    long success = 0;
    long failed = 0;
    String sql = "SELECT repository, workflow_name, completed_at, conclusion, duration_ms FROM " + build
        + " WHERE completed_at >= ? AND completed_at < ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setFetchSize(10_000);
      ps.setLong(1, from);
      ps.setLong(2, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          total++;
          String conclusion = rs.getString(4);
          boolean ok = "success".equals(conclusion);
          boolean bad = "failure".equals(conclusion) || "timed_out".equals(conclusion)
              || "startup_failure".equals(conclusion);
          success += ok ? 1 : 0;
          failed += bad ? 1 : 0;
          long duration = rs.getLong(5);
          if ((ok || bad) && !rs.wasNull()) {
            all.add(duration);
            byRepository.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(duration);
            byWorkflow.computeIfAbsent(rs.getString(1) + "\u0000" + rs.getString(2), k -> new ArrayList<>())
                .add(duration);
            byDay.computeIfAbsent(rs.getLong(3) / 86_400_000_000_000L, k -> new ArrayList<>()).add(duration);
          }
        }
      }
    }
    List<Long> queue = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT queue_ms FROM " + job
        + " WHERE build_completed_at >= ? AND build_completed_at < ? AND queue_ms IS NOT NULL")) {
      ps.setFetchSize(10_000);
      ps.setLong(1, from);
      ps.setLong(2, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          queue.add(rs.getLong(1));
        }
      }
    }
    long checksum = total + success + failed + p(all, 50) + p(all, 95) + p(queue, 50) + p(queue, 95);
    for (Map<?, List<Long>> groups : List.of(byRepository, byWorkflow, byDay)) {
      for (List<Long> values : groups.values()) {
        checksum += p(values, 50) + p(values, 95);
      }
    }
    return checksum;
  }

  private static long p(List<Long> values, int percentile) {
    if (values.isEmpty()) {
      return 0;
    }
    values.sort(null);
    return values.get((int) ((percentile * (long) values.size() + 99) / 100) - 1);
  }
}

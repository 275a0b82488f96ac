package dev.cicd.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The straightforward way, for comparison: one aggregate SQL query per dashboard section with
 * {@code percentile_disc}, default outcome policy, daily series in UTC. No MTTR and no DORA.
 */
final class HandWrittenSql {
  private static final String RATED = "conclusion IN ('success', 'failure', 'timed_out', 'startup_failure')";
  private static final String FAILED = "conclusion IN ('failure', 'timed_out', 'startup_failure')";
  private static final String WINDOW = " WHERE completed_at >= ? AND completed_at < ?";

  /** Counts and duration percentiles of one group. */
  record Group(long total, long success, long failed, @Nullable Long p50, @Nullable Long p95) {}

  /** What the hand-written queries return. */
  record Result(long total, long success, long failure, long cancelled, long skipped, long rated,
      long durationCount, long durationSum, @Nullable Long durationP50, @Nullable Long durationP95,
      long queueCount, @Nullable Long queueP50, @Nullable Long queueP95, long flaky, long firstAttemptSuccess,
      long reruns, TreeMap<String, Group> byRepository, TreeMap<List<String>, Group> byWorkflow,
      TreeMap<LocalDate, Group> daily) {}

  private final String build;
  private final String job;
  private final boolean postgres;

  HandWrittenSql(String prefix, boolean postgres) {
    this.build = prefix + "build";
    this.job = prefix + "job";
    this.postgres = postgres;
  }

  Result run(Connection c, long from, long to) throws SQLException {
    long[] totals = longs(c, "SELECT COUNT(*), SUM(CASE WHEN conclusion = 'success' THEN 1 ELSE 0 END),"
        + " SUM(CASE WHEN conclusion = 'failure' THEN 1 ELSE 0 END),"
        + " SUM(CASE WHEN conclusion = 'cancelled' THEN 1 ELSE 0 END),"
        + " SUM(CASE WHEN conclusion = 'skipped' THEN 1 ELSE 0 END),"
        + " SUM(CASE WHEN " + RATED + " THEN 1 ELSE 0 END),"
        + " SUM(CASE WHEN attempt_number > 1 THEN 1 ELSE 0 END),"
        + " SUM(CASE WHEN " + RATED + " AND SUBSTRING(attempt_outcomes, 1, 1) = 's' THEN 1 ELSE 0 END),"
        + " SUM(CASE WHEN " + flakyPattern() + " THEN 1 ELSE 0 END)"
        + " FROM " + build + WINDOW, from, to);
    Long[] durations = objects(c, "SELECT COUNT(duration_ms), SUM(duration_ms),"
        + " PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY duration_ms),"
        + " PERCENTILE_DISC(0.95) WITHIN GROUP (ORDER BY duration_ms)"
        + " FROM " + build + WINDOW + " AND " + RATED + " AND duration_ms IS NOT NULL", from, to);
    Long[] queue = objects(c, "SELECT COUNT(*), PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY queue_ms),"
        + " PERCENTILE_DISC(0.95) WITHIN GROUP (ORDER BY queue_ms) FROM " + job
        + " WHERE build_completed_at >= ? AND build_completed_at < ? AND queue_ms IS NOT NULL", from, to);
    TreeMap<String, Group> repos = new TreeMap<>();
    groups(c, "repository", from, to, (key, g) -> repos.put(key.get(0), g), 1);
    TreeMap<List<String>, Group> workflows = new TreeMap<>((a, b) -> {
      int r = a.get(0).compareTo(b.get(0));
      return r != 0 ? r : a.get(1).compareTo(b.get(1));
    });
    groups(c, "repository, workflow_name", from, to, workflows::put, 2);
    TreeMap<LocalDate, Group> daily = new TreeMap<>();
    groups(c, "completed_at / 86400000000000", from, to,
        (key, g) -> daily.put(LocalDate.ofEpochDay(Long.parseLong(key.get(0))), g), 1);
    return new Result(totals[0], totals[1], totals[2], totals[3], totals[4], totals[5], durations[0],
        durations[1] == null ? 0 : durations[1], durations[2], durations[3], queue[0], queue[1], queue[2],
        totals[8], totals[7], totals[6], repos, workflows, daily);
  }

  private String flakyPattern() {
    return postgres ? "SUBSTRING(attempt_outcomes, 2) ~ '[ftu].*s'"
        : "REGEXP_LIKE(SUBSTRING(attempt_outcomes, 2), '[ftu].*s')";
  }

  private interface GroupSink {
    void put(List<String> key, Group group);
  }

  private void groups(Connection c, String key, long from, long to, GroupSink sink, int keys) throws SQLException {
    String sql = "SELECT " + key + ", COUNT(*), SUM(CASE WHEN conclusion = 'success' THEN 1 ELSE 0 END),"
        + " SUM(CASE WHEN " + FAILED + " THEN 1 ELSE 0 END),"
        + " PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY CASE WHEN " + RATED + " THEN duration_ms END),"
        + " PERCENTILE_DISC(0.95) WITHIN GROUP (ORDER BY CASE WHEN " + RATED + " THEN duration_ms END)"
        + " FROM " + build + WINDOW + " GROUP BY " + key;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, from);
      ps.setLong(2, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          List<String> k = new ArrayList<>();
          for (int i = 1; i <= keys; i++) {
            k.add(rs.getString(i));
          }
          sink.put(k, new Group(rs.getLong(keys + 1), rs.getLong(keys + 2), rs.getLong(keys + 3),
              (Long) rs.getObject(keys + 4, Long.class), (Long) rs.getObject(keys + 5, Long.class)));
        }
      }
    }
  }

  private static long[] longs(Connection c, String sql, long from, long to) throws SQLException {
    Long[] values = objects(c, sql, from, to);
    long[] out = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i] == null ? 0 : values[i];
    }
    return out;
  }

  private static Long[] objects(Connection c, String sql, long from, long to) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, from);
      ps.setLong(2, to);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        int n = rs.getMetaData().getColumnCount();
        Long[] values = new Long[n];
        for (int i = 0; i < n; i++) {
          Object v = rs.getObject(i + 1);
          values[i] = v == null ? null : ((Number) v).longValue();
        }
        return values;
      }
    }
  }

  static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}

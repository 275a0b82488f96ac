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
 * The straightforward way, for comparison: one aggregate SQL query per dashboard section (totals and
 * rates, durations, queue, per repository, per workflow, per day), default outcome policy, daily series
 * in UTC, no MTTR and no DORA. Percentiles either with {@code PERCENTILE_DISC} or, for an exact
 * nearest-rank reference, with {@code ROW_NUMBER()} at rank ceil(p/100 n): H2's PERCENTILE_DISC is not
 * nearest-rank (its p95 of 1..18 is 17, nearest rank gives 18).
 */
final class HandWrittenSql {
  private static final String RATED = "conclusion IN ('success', 'failure', 'timed_out', 'startup_failure')";
  private static final String FAILED = "conclusion IN ('failure', 'timed_out', 'startup_failure')";
  private static final String WINDOW = " WHERE completed_at >= ? AND completed_at < ?";
  private static final String RANKS = "MAX(CASE WHEN v IS NOT NULL AND rn = (50 * n + 99) / 100 THEN v END),"
      + " MAX(CASE WHEN v IS NOT NULL AND rn = (95 * n + 99) / 100 THEN v END)";
  private static final String COUNTS = "COUNT(*), SUM(CASE WHEN conclusion = 'success' THEN 1 ELSE 0 END),"
      + " SUM(CASE WHEN " + FAILED + " THEN 1 ELSE 0 END)";

  /** Counts and duration percentiles of one group. */
  record Group(long total, long success, long failed, @Nullable Long p50, @Nullable Long p95) {}

  /** What the hand-written queries return. */
  record Result(long total, long success, long failure, long cancelled, long skipped, long rated,
      long durationCount, long durationSum, @Nullable Long durationP50, @Nullable Long durationP95,
      long queueCount, @Nullable Long queueP50, @Nullable Long queueP95, long flaky, long firstAttemptSuccess,
      long reruns, TreeMap<String, Group> byRepository, TreeMap<List<String>, Group> byWorkflow,
      TreeMap<LocalDate, Group> daily) {}

  private interface GroupSink {
    void put(List<String> key, Group group);
  }

  private final String build;
  private final String job;
  private final boolean postgres;
  private final boolean nearestRank;

  HandWrittenSql(String prefix, boolean postgres, boolean nearestRank) {
    this.build = prefix + "build";
    this.job = prefix + "job";
    this.postgres = postgres;
    this.nearestRank = nearestRank;
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
    Long[] durations = objects(c, single("duration_ms", build + WINDOW + " AND " + RATED
        + " AND duration_ms IS NOT NULL"), from, to);
    Long[] queue = objects(c, single("queue_ms", job
        + " WHERE build_completed_at >= ? AND build_completed_at < ? AND queue_ms IS NOT NULL"), from, to);
    TreeMap<String, Group> repos = new TreeMap<>();
    groups(c, List.of("repository"), from, to, (key, g) -> repos.put(key.get(0), g));
    TreeMap<List<String>, Group> workflows = new TreeMap<>((a, b) -> {
      int r = a.get(0).compareTo(b.get(0));
      return r != 0 ? r : a.get(1).compareTo(b.get(1));
    });
    groups(c, List.of("repository", "workflow_name"), from, to, workflows::put);
    TreeMap<LocalDate, Group> daily = new TreeMap<>();
    groups(c, List.of("completed_at / 86400000000000"), from, to,
        (key, g) -> daily.put(LocalDate.ofEpochDay(Long.parseLong(key.get(0))), g));
    return new Result(totals[0], totals[1], totals[2], totals[3], totals[4], totals[5], durations[0],
        durations[1] == null ? 0 : durations[1], durations[2], durations[3], queue[0], queue[2], queue[3],
        totals[8], totals[7], totals[6], repos, workflows, daily);
  }

  /** COUNT, SUM, p50, p95 of one column over {@code fromWhere} ("table WHERE ..."). */
  private String single(String column, String fromWhere) {
    if (!nearestRank) {
      return "SELECT COUNT(" + column + "), SUM(" + column + "), PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY "
          + column + "), PERCENTILE_DISC(0.95) WITHIN GROUP (ORDER BY " + column + ") FROM " + fromWhere;
    }
    return "SELECT COUNT(v), SUM(v), " + RANKS + " FROM (SELECT " + column + " AS v, ROW_NUMBER() OVER (ORDER BY "
        + column + ") AS rn, COUNT(*) OVER () AS n FROM " + fromWhere + ") t";
  }

  private void groups(Connection c, List<String> keys, long from, long to, GroupSink sink) throws SQLException {
    String keyList = String.join(", ", keys);
    String sql;
    if (!nearestRank) {
      String v = "CASE WHEN " + RATED + " THEN duration_ms END";
      sql = "SELECT " + keyList + ", " + COUNTS + ", PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY " + v + "),"
          + " PERCENTILE_DISC(0.95) WITHIN GROUP (ORDER BY " + v + ") FROM " + build + WINDOW
          + " GROUP BY " + keyList;
    } else {
      List<String> aliases = new ArrayList<>();
      List<String> named = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        aliases.add("k" + i);
        named.add(keys.get(i) + " AS k" + i);
      }
      String k = String.join(", ", aliases);
      sql = "SELECT " + k + ", " + COUNTS + ", " + RANKS + " FROM (SELECT " + k + ", conclusion, v,"
          + " ROW_NUMBER() OVER (PARTITION BY " + k + ", CASE WHEN v IS NULL THEN 1 ELSE 0 END ORDER BY v) AS rn,"
          + " COUNT(v) OVER (PARTITION BY " + k + ") AS n FROM (SELECT " + String.join(", ", named)
          + ", conclusion, CASE WHEN " + RATED + " THEN duration_ms END AS v FROM " + build + WINDOW + ") a) t"
          + " GROUP BY " + k;
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, from);
      ps.setLong(2, to);
      try (ResultSet rs = ps.executeQuery()) {
        int n = keys.size();
        while (rs.next()) {
          List<String> key = new ArrayList<>();
          for (int i = 1; i <= n; i++) {
            key.add(rs.getString(i));
          }
          sink.put(key, new Group(rs.getLong(n + 1), rs.getLong(n + 2), rs.getLong(n + 3),
              rs.getObject(n + 4, Long.class), rs.getObject(n + 5, Long.class)));
        }
      }
    }
  }

  private String flakyPattern() {
    return postgres ? "SUBSTRING(attempt_outcomes, 2) ~ '[ftu].*s'"
        : "REGEXP_LIKE(SUBSTRING(attempt_outcomes, 2), '[ftu].*s')";
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

package dev.cicd.store.jpa.internal.metrics;

import dev.cicd.store.jpa.internal.StoreDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The compact build and job rows of a time range for one summary: settled days from the
 * {@link DayCache} (loading blocks that are missing or stale, several days per query), the recent days
 * straight from the covering indexes. Filters apply to every row.
 */
final class RowSource {
  static final long DAY = 86_400_000_000_000L;
  private static final long EPOCH_DAY = Long.MIN_VALUE;

  /** One build row. */
  interface BuildRow {
    void accept(long completedAt, long repository, long workflow, long branch, long provider, long durationMs,
        int attemptNumber, String outcomes);
  }

  private final Connection c;
  private final StoreDatabase db;
  private final DayCache cache;
  private final Filters filters;
  private final long settledStart;
  private final long minStart;
  private final Map<Long, Long> versions = new HashMap<>();
  private final Map<String, String> interned = new HashMap<>();
  private long epoch;

  /**
   * @param firstUnsettledDay days before it may come from the cache
   * @param minDay first day any caller will ask for
   */
  RowSource(Connection c, StoreDatabase db, DayCache cache, Filters filters, long firstUnsettledDay, long minDay)
      throws SQLException {
    this.c = c;
    this.db = db;
    this.cache = cache;
    this.filters = filters;
    this.settledStart = cache.enabled() && minDay < firstUnsettledDay ? firstUnsettledDay * DAY : Long.MIN_VALUE;
    this.minStart = minDay * DAY;
    if (settledStart != Long.MIN_VALUE) {
      loadVersions(minDay, firstUnsettledDay);
    }
  }

  /** Builds completed in [lo, hi), in (completed_at, run_id) order or its reverse. */
  void builds(long lo, long hi, boolean descending, BuildRow row) throws SQLException {
    checkRange(lo);
    long split = Math.min(hi, Math.max(lo, settledStart));
    if (descending) {
      fresh(split, hi, true, row);
    }
    if (lo < split) {
      long first = Math.floorDiv(lo, DAY);
      long last = Math.floorDiv(split - 1, DAY);
      for (long d = descending ? last : first; descending ? d >= first : d <= last; d += descending ? -1 : 1) {
        DayBlock b = block(d, first, last);
        for (int k = 0; k < b.size; k++) {
          int i = descending ? b.size - 1 - k : k;
          long at = b.completed[i];
          if (at >= lo && at < split && filters.matches(b.repository[i], b.workflow[i], b.branch[i])) {
            row.accept(at, b.repository[i], b.workflow[i], b.branch[i], b.provider[i], b.duration[i], b.attempts[i],
                b.outcomes[i]);
          }
        }
      }
    }
    if (!descending) {
      fresh(split, hi, false, row);
    }
  }

  /** Queue times of the started jobs of builds completed in [lo, hi). */
  void queueTimes(long lo, long hi, LongList out) throws SQLException {
    checkRange(lo);
    long split = Math.min(hi, Math.max(lo, settledStart));
    if (lo < split) {
      long first = Math.floorDiv(lo, DAY);
      long last = Math.floorDiv(split - 1, DAY);
      for (long d = first; d <= last; d++) {
        DayBlock b = block(d, first, last);
        for (int i = 0; i < b.jobs; i++) {
          long at = b.jobCompleted[i];
          if (at >= lo && at < split && filters.matches(b.jobRepository[i], b.jobWorkflow[i], b.jobBranch[i])) {
            out.add(b.jobQueue[i]);
          }
        }
      }
    }
    if (split < hi) {
      String sql = "SELECT queue_ms FROM " + db.table("job") + db.useIndex("job_window_ix")
          + " WHERE build_completed_at >= ? AND build_completed_at < ?" + filters.sql("") + " AND queue_ms IS NOT NULL";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setFetchSize(10_000);
        ps.setLong(1, split);
        ps.setLong(2, hi);
        filters.bind(ps, 3);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getLong(1));
          }
        }
      }
    }
  }

  private void checkRange(long lo) {
    if (settledStart != Long.MIN_VALUE && lo < minStart) {
      throw new IllegalStateException("rows before the first day of this summary were asked for: " + lo);
    }
  }

  private void fresh(long lo, long hi, boolean descending, BuildRow row) throws SQLException {
    if (lo >= hi) {
      return;
    }
    String order = descending ? " ORDER BY completed_at DESC, run_id DESC" : " ORDER BY completed_at, run_id";
    String sql = SELECT_BUILDS + db.table("build") + db.useIndex("build_window_ix")
        + " WHERE completed_at >= ? AND completed_at < ?" + filters.sql("") + order;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setFetchSize(10_000);
      ps.setLong(1, lo);
      ps.setLong(2, hi);
      filters.bind(ps, 3);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long duration = rs.getLong(6);
          if (rs.wasNull()) {
            duration = -1;
          }
          row.accept(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), duration,
              rs.getInt(7), rs.getString(8));
        }
      }
    }
  }

  private static final String SELECT_BUILDS = "SELECT completed_at, repository_term, workflow_term, branch_term,"
      + " provider_term, duration_ms, attempt_number, attempt_outcomes FROM ";

  /** The cached block of {@code day}, loading it (with the missing days up to {@code last}) if needed. */
  private DayBlock block(long day, long first, long last) throws SQLException {
    DayBlock cached = cache.get(day, version(day), epoch);
    if (cached != null) {
      return cached;
    }
    long end = day;
    while (end + 1 <= last && cache.get(end + 1, version(end + 1), epoch) == null) {
      end++;
    }
    long start = day;
    while (start - 1 >= first && cache.get(start - 1, version(start - 1), epoch) == null) {
      start--;
    }
    Map<Long, DayBlock> loaded = new HashMap<>();
    for (long d = start; d <= end; d++) {
      loaded.put(d, new DayBlock(d, version(d), epoch));
    }
    loadBuilds(start * DAY, (end + 1) * DAY, loaded);
    loadJobs(start * DAY, (end + 1) * DAY, loaded);
    loaded.values().forEach(cache::put);
    return loaded.get(day);
  }

  private void loadBuilds(long lo, long hi, Map<Long, DayBlock> blocks) throws SQLException {
    String sql = SELECT_BUILDS + db.table("build") + db.useIndex("build_window_ix")
        + " WHERE completed_at >= ? AND completed_at < ? ORDER BY completed_at, run_id";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setFetchSize(10_000);
      ps.setLong(1, lo);
      ps.setLong(2, hi);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long at = rs.getLong(1);
          long duration = rs.getLong(6);
          if (rs.wasNull()) {
            duration = -1;
          }
          String outcomes = interned.computeIfAbsent(rs.getString(8), s -> s);
          blocks.get(Math.floorDiv(at, DAY)).addBuild(at, rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
              duration, rs.getInt(7), outcomes);
        }
      }
    }
  }

  private void loadJobs(long lo, long hi, Map<Long, DayBlock> blocks) throws SQLException {
    String sql = "SELECT build_completed_at, repository_term, workflow_term, branch_term, queue_ms FROM "
        + db.table("job") + db.useIndex("job_window_ix")
        + " WHERE build_completed_at >= ? AND build_completed_at < ? AND queue_ms IS NOT NULL";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setFetchSize(10_000);
      ps.setLong(1, lo);
      ps.setLong(2, hi);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long at = rs.getLong(1);
          blocks.get(Math.floorDiv(at, DAY)).addJob(at, rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
        }
      }
    }
  }

  private void loadVersions(long minDay, long firstUnsettledDay) throws SQLException {
    String sql = "SELECT utc_day, version FROM " + db.table("build_day")
        + " WHERE utc_day = ? OR (utc_day >= ? AND utc_day < ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, EPOCH_DAY);
      ps.setLong(2, minDay);
      ps.setLong(3, firstUnsettledDay);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (rs.getLong(1) == EPOCH_DAY) {
            epoch = rs.getLong(2);
          } else {
            versions.put(rs.getLong(1), rs.getLong(2));
          }
        }
      }
    }
  }

  private long version(long day) {
    return versions.getOrDefault(day, 0L);
  }
}

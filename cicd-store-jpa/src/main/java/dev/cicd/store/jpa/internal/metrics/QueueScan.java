package dev.cicd.store.jpa.internal.metrics;

import dev.cicd.core.metrics.BuildSummary.QueueStats;
import dev.cicd.core.metrics.NearestRank;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/** Queue times of every started job of the window's builds: an index-only scan of {@code job}. */
final class QueueScan {
  private QueueScan() {}

  static QueueStats run(Connection c, String jobTable, long from, long to, Filters filters) throws SQLException {
    String sql = "SELECT queue_ms FROM " + jobTable + " WHERE build_completed_at >= ? AND build_completed_at < ?"
        + filters.sql("") + " AND queue_ms IS NOT NULL";
    LongList values = new LongList();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setFetchSize(10_000);
      ps.setLong(1, from);
      ps.setLong(2, to);
      filters.bind(ps, 3);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          values.add(rs.getLong(1));
        }
      }
    }
    long[] sorted = values.toArray();
    Arrays.sort(sorted);
    return new QueueStats(sorted.length, NearestRank.ofSorted(sorted, 50), NearestRank.ofSorted(sorted, 95));
  }
}

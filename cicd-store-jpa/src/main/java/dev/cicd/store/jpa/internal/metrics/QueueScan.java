package dev.cicd.store.jpa.internal.metrics;

import dev.cicd.core.metrics.BuildSummary.QueueStats;
import dev.cicd.core.metrics.NearestRank;
import java.sql.SQLException;
import java.util.Arrays;

/** Queue times of every started job of the window's builds (job rows carry their build's completion). */
final class QueueScan {
  private QueueScan() {}

  static QueueStats run(RowSource rows, long from, long to) throws SQLException {
    LongList values = new LongList();
    rows.queueTimes(from, to, values);
    long[] sorted = values.toArray();
    Arrays.sort(sorted);
    return new QueueStats(sorted.length, NearestRank.ofSorted(sorted, 50), NearestRank.ofSorted(sorted, 95));
  }
}

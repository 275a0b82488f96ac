package dev.cicd.store.jpa.internal.metrics;

import dev.cicd.core.build.Conclusion;
import dev.cicd.core.metrics.OutcomePolicy;
import dev.cicd.store.jpa.internal.StoreDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The last resort of {@link MttrTails}: per open sequence, one probe of the sequence index for its
 * latest success and latest rate-relevant build before a bound and, when that build failed, a read of
 * the sequence from that success to the bound. Sequences are passed as arrays (one statement each).
 */
final class SequenceProbes {
  private final StoreDatabase db;
  private final OutcomePolicy policy;

  SequenceProbes(StoreDatabase db, OutcomePolicy policy) {
    this.db = db;
    this.policy = policy;
  }

  private static final String SAME_SEQUENCE = " WHERE b.repository_term = s.r AND b.workflow_term = s.w"
      + " AND b.branch_term = s.b AND b.provider_term = s.p AND b.completed_at < ?";
  private static final String BACKWARDS = " ORDER BY b.repository_term DESC, b.workflow_term DESC,"
      + " b.branch_term DESC, b.provider_term DESC, b.completed_at DESC, b.run_id DESC FETCH FIRST 1 ROWS ONLY";

  /** Sequences whose latest rate-relevant build before the window failed, with their latest success. */
  long[][] probe(Connection c, long[][] columns, long from) throws SQLException {
    String build = db.table("build");
    String sql = "SELECT s.i, s.r, s.w, s.b, s.p,"
        + " (SELECT b.completed_at FROM " + build + " b" + db.useIndex("build_sequence_ix") + SAME_SEQUENCE
        + " AND b.conclusion IN (" + names(policy.success()) + ")" + BACKWARDS + "),"
        + " (SELECT b.conclusion FROM " + build + " b" + db.useIndex("build_sequence_ix") + SAME_SEQUENCE
        + " AND b.conclusion IN (" + names(policy.success()) + ", " + names(policy.failure()) + ")" + BACKWARDS + ")"
        + " FROM " + SqlArrays.unnest(db.kind(), "s", "i", "r", "w", "b", "p");
    LongList[] out = {new LongList(), new LongList(), new LongList(), new LongList(), new LongList(), new LongList()};
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, from);
      ps.setLong(2, from);
      for (int i = 0; i < columns.length; i++) {
        SqlArrays.bind(c, ps, 3 + i, columns[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String latest = rs.getString(7);
          if (latest == null || policy.isSuccess(Conclusion.fromWireName(latest).orElse(null))) {
            continue;
          }
          for (int i = 0; i < 5; i++) {
            out[i].add(rs.getLong(i + 1));
          }
          long lastSuccess = rs.getLong(6);
          out[5].add(rs.wasNull() ? Long.MIN_VALUE : lastSuccess);
        }
      }
    }
    long[][] result = new long[6][];
    for (int i = 0; i < 6; i++) {
      result[i] = out[i].toArray();
    }
    return result;
  }

  /**
   * Replays each sequence from its latest success before the window (all builds completed at that
   * instant, in run id order) to the window's start, as {@code Mttr} does over the whole history.
   */
  void walk(Connection c, long[][] tails, long from, long[] open) throws SQLException {
    String sql = "SELECT s.i, b.completed_at, b.conclusion FROM "
        + SqlArrays.unnest(db.kind(), "s", "i", "r", "w", "b", "p", "lo")
        + " JOIN " + db.table("build") + " b" + db.useIndex("build_sequence_ix")
        + " ON b.repository_term = s.r AND b.workflow_term = s.w AND b.branch_term = s.b AND b.provider_term = s.p AND b.completed_at >= s.lo AND b.completed_at < ?"
        + " WHERE b.conclusion IN (" + names(policy.success()) + ", " + names(policy.failure()) + ")"
        + " ORDER BY s.i, b.completed_at, b.run_id";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < tails.length; i++) {
        SqlArrays.bind(c, ps, 1 + i, tails[i]);
      }
      ps.setLong(tails.length + 1, from);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int sequence = (int) rs.getLong(1);
          long completed = rs.getLong(2);
          boolean failure = policy.isFailure(Conclusion.fromWireName(rs.getString(3)).orElse(null));
          if (failure) {
            if (open[sequence] == MttrTails.NONE) {
              open[sequence] = completed;
            }
          } else {
            open[sequence] = MttrTails.NONE;
          }
        }
      }
    }
  }

  private static String names(Set<Conclusion> conclusions) {
    return conclusions.stream().map(c -> "'" + c.wireName() + "'").sorted().collect(Collectors.joining(", "));
  }
}

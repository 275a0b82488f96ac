package dev.cicd.store.jpa.internal.metrics;

import dev.cicd.core.build.Conclusion;
import dev.cicd.core.metrics.OutcomePolicy;
import dev.cicd.store.jpa.internal.AttemptOutcomes;
import dev.cicd.store.jpa.internal.StoreDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The state of each MTTR sequence when the window opens: the completion time of the failure that opened
 * a still-open episode, or {@link #NONE}. Only sequences with a success in the window matter, and each
 * only back to its latest success before the window. They are resolved cheapest first:
 *
 * <ol>
 *   <li>sequences whose first completion ({@code build_sequence}) is inside the window have no history;
 *   <li>backward range scans of the window index, one day, then two, four, ... before the window (at most
 *       the window's length), resolve the busy sequences;
 *   <li>the few left get one index probe each (their latest success and latest rate-relevant build before
 *       the scanned range) and, if that build failed, a read of their builds since that success.
 * </ol>
 */
final class MttrTails {
  static final long NONE = Long.MIN_VALUE;
  private static final long DAY = 86_400_000_000_000L;
  private static final int PROBE_THRESHOLD = 32;

  private final StoreDatabase db;
  private final OutcomePolicy policy;
  private final AttemptOutcomes.Classifier classifier;

  MttrTails(StoreDatabase db, OutcomePolicy policy) {
    this.db = db;
    this.policy = policy;
    this.classifier = new AttemptOutcomes.Classifier(policy);
  }

  /** @return per sequence id of {@code scan.sequences}, the open episode's start or {@link #NONE} */
  long[] openEpisodes(Connection c, WindowScan scan, Filters filters, long from, long to) throws SQLException {
    int n = scan.sequences.size();
    long[] open = new long[n];
    long[] pending = new long[n];
    Arrays.fill(open, NONE);
    Arrays.fill(pending, NONE);
    boolean[] unresolved = new boolean[n];
    int count = 0;
    for (int s = 0; s < n; s++) {
      unresolved[s] = scan.hasSuccess(s);
      count += unresolved[s] ? 1 : 0;
    }
    if (count == 0) {
      return open;
    }
    long floor = saturatedMinus(from, Math.max(DAY, to - from));
    long[] first = firsts(c, scan, filters, floor);
    long hi = from;
    count -= resolveStarted(first, hi, unresolved, pending, open);
    for (long span = DAY; count > PROBE_THRESHOLD && hi > floor; span *= 2) {
      long lo = Math.max(floor, saturatedMinus(hi, span));
      count -= scanBack(c, scan, filters, lo, hi, unresolved, pending, open);
      hi = lo;
      count -= resolveStarted(first, hi, unresolved, pending, open);
    }
    if (count > 0) {
      long[][] candidates = candidates(scan, unresolved, count);
      long[] before = new long[n];
      Arrays.fill(before, NONE);
      long[][] tails = probe(c, candidates, hi);
      if (tails[0].length > 0) {
        walk(c, tails, hi, before);
      }
      for (int s = 0; s < n; s++) {
        if (unresolved[s]) {
          open[s] = before[s] != NONE ? before[s] : pending[s];
        }
      }
    }
    return open;
  }

  /** Resolves sequences that have no builds before {@code hi}: their state is what was seen after it. */
  private static int resolveStarted(long[] first, long hi, boolean[] unresolved, long[] pending, long[] open) {
    int resolved = 0;
    for (int s = 0; s < first.length; s++) {
      if (unresolved[s] && first[s] != NONE && first[s] >= hi) {
        unresolved[s] = false;
        open[s] = pending[s];
        resolved++;
      }
    }
    return resolved;
  }

  /** First completion per sequence when it is at or after {@code floor}; {@link #NONE} when earlier or unknown. */
  private long[] firsts(Connection c, WindowScan scan, Filters filters, long floor) throws SQLException {
    long[] first = new long[scan.sequences.size()];
    Arrays.fill(first, NONE);
    String sql = "SELECT repository_term, workflow_term, branch_term, provider_term, first_completed_at FROM "
        + db.table("build_sequence") + " WHERE first_completed_at >= ?" + filters.sql("");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setFetchSize(10_000);
      ps.setLong(1, floor);
      filters.bind(ps, 2);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int s = sequence(scan, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
          if (s >= 0) {
            first[s] = rs.getLong(5);
          }
        }
      }
    }
    return first;
  }

  /** Walks the builds completed in [lo, hi) backwards, resolving sequences at their latest success. */
  private int scanBack(Connection c, WindowScan scan, Filters filters, long lo, long hi, boolean[] unresolved,
      long[] pending, long[] open) throws SQLException {
    String sql = "SELECT repository_term, workflow_term, branch_term, provider_term, completed_at, attempt_outcomes"
        + " FROM " + db.table("build") + " WHERE completed_at >= ? AND completed_at < ?" + filters.sql("")
        + " ORDER BY completed_at DESC, run_id DESC";
    int resolved = 0;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setFetchSize(10_000);
      ps.setLong(1, lo);
      ps.setLong(2, hi);
      filters.bind(ps, 3);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int s = sequence(scan, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
          if (s < 0 || !unresolved[s]) {
            continue;
          }
          char latest = AttemptOutcomes.Classifier.latest(rs.getString(6));
          if (classifier.isFailure(latest)) {
            pending[s] = rs.getLong(5);
          } else if (classifier.isSuccess(latest)) {
            unresolved[s] = false;
            open[s] = pending[s];
            resolved++;
          }
        }
      }
    }
    return resolved;
  }

  private static int sequence(WindowScan scan, long repository, long workflow, long branch, long provider) {
    int w = scan.workflows.find(repository, workflow, 0, 0);
    return w < 0 ? -1 : scan.sequences.find(w, branch, provider, 0);
  }

  private static long[][] candidates(WindowScan scan, boolean[] unresolved, int count) {
    long[][] columns = new long[5][count];
    int i = 0;
    for (int s = 0; s < unresolved.length; s++) {
      if (unresolved[s]) {
        int workflow = (int) scan.sequences.key(s, 0);
        columns[0][i] = s;
        columns[1][i] = scan.workflows.key(workflow, 0);
        columns[2][i] = scan.workflows.key(workflow, 1);
        columns[3][i] = scan.sequences.key(s, 1);
        columns[4][i] = scan.sequences.key(s, 2);
        i++;
      }
    }
    return columns;
  }

  private static long saturatedMinus(long a, long b) {
    long r = a - b;
    return ((a ^ b) & (a ^ r)) < 0 ? Long.MIN_VALUE + 1 : r;
  }

  private static final String SAME_SEQUENCE = " WHERE b.repository_term = s.r AND b.workflow_term = s.w"
      + " AND b.branch_term = s.b AND b.provider_term = s.p AND b.completed_at < ?";
  private static final String BACKWARDS = " ORDER BY b.repository_term DESC, b.workflow_term DESC,"
      + " b.branch_term DESC, b.provider_term DESC, b.completed_at DESC, b.run_id DESC FETCH FIRST 1 ROWS ONLY";

  /** Sequences whose latest rate-relevant build before the window failed, with their latest success. */
  private long[][] probe(Connection c, long[][] columns, long from) throws SQLException {
    String build = db.table("build");
    String sql = "SELECT s.i, s.r, s.w, s.b, s.p,"
        + " (SELECT b.completed_at FROM " + build + " b" + SAME_SEQUENCE + " AND b.conclusion IN ("
        + names(policy.success()) + ")" + BACKWARDS + "),"
        + " (SELECT b.conclusion FROM " + build + " b" + SAME_SEQUENCE + " AND b.conclusion IN ("
        + names(policy.success()) + ", " + names(policy.failure()) + ")" + BACKWARDS + ")"
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
  private void walk(Connection c, long[][] tails, long from, long[] open) throws SQLException {
    String sql = "SELECT s.i, b.completed_at, b.conclusion FROM "
        + SqlArrays.unnest(db.kind(), "s", "i", "r", "w", "b", "p", "lo")
        + " JOIN " + db.table("build") + " b ON b.repository_term = s.r AND b.workflow_term = s.w"
        + " AND b.branch_term = s.b AND b.provider_term = s.p AND b.completed_at >= s.lo AND b.completed_at < ?"
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
            if (open[sequence] == NONE) {
              open[sequence] = completed;
            }
          } else {
            open[sequence] = NONE;
          }
        }
      }
    }
  }

  private static String names(Set<Conclusion> conclusions) {
    return conclusions.stream().map(c -> "'" + c.wireName() + "'").sorted().collect(Collectors.joining(", "));
  }
}

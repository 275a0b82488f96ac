package dev.cicd.store.jpa.internal.metrics;

import dev.cicd.core.metrics.OutcomePolicy;
import dev.cicd.store.jpa.internal.AttemptOutcomes;
import dev.cicd.store.jpa.internal.StoreDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The state of each MTTR sequence when the window opens: the completion time of the failure that opened
 * a still-open episode, or {@link #NONE}. Only sequences with a success in the window matter, and each
 * only back to its latest success before the window. They are resolved cheapest first:
 *
 * <ol>
 *   <li>sequences whose first completion ({@code build_sequence}) is inside the window have no history;
 *   <li>the builds the window scan read just before the window, then backward range scans of the window
 *       index, one day, then two, four, ... (at most the window's length, and only while a scan is
 *       expected to read fewer rows than probing the open sequences would cost) resolve busy sequences;
 *   <li>the few left get one index probe each (their latest success and latest rate-relevant build before
 *       the scanned range) and, if that build failed, a read of their builds since that success.
 * </ol>
 */
final class MttrTails {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MttrTails.class);
  static final long NONE = Long.MIN_VALUE;
  private static final long DAY = 86_400_000_000_000L;
  private static final int PROBE_THRESHOLD = 32;
  /** About as costly as one sequence's probe: scanning this many index rows. */
  private static final int ROWS_PER_PROBE = 20;

  private final StoreDatabase db;
  private final OutcomePolicy policy;
  private final AttemptOutcomes.Classifier classifier;

  MttrTails(StoreDatabase db, OutcomePolicy policy) {
    this.db = db;
    this.policy = policy;
    this.classifier = new AttemptOutcomes.Classifier(policy);
  }

  /** @return per sequence id of {@code scan.sequences}, the open episode's start or {@link #NONE} */
  long[] openEpisodes(Connection c, RowSource rows, WindowScan scan, Filters filters, long from, long to)
      throws SQLException {
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
    int withSuccess = count;
    long t0 = System.nanoTime();
    long floor = floor(from, to);
    count -= replayHistory(scan, unresolved, pending, open);
    long hi = scan.historyStart;
    long[] first = firsts(c, scan, filters, hi);
    count -= resolveStarted(first, hi, unresolved, pending, open);
    int afterFirsts = count;
    long t1 = System.nanoTime();
    int chunks = 0;
    double rowsPerNano = (double) (scan.total + scan.history.size()) / Math.max(1, to - scan.historyStart);
    for (long span = DAY; count > PROBE_THRESHOLD && hi > floor; span *= 2) {
      long lo = Math.max(floor, saturatedMinus(hi, span));
      if (rowsPerNano * (hi - lo) > (double) count * ROWS_PER_PROBE) {
        break;
      }
      count -= scanBack(rows, scan, lo, hi, unresolved, pending, open);
      hi = lo;
      count -= resolveStarted(first, hi, unresolved, pending, open);
      chunks++;
    }
    long t2 = System.nanoTime();
    if (LOG.isDebugEnabled()) {
      LOG.debug("MTTR: {} sequences with a success, {} left after {} earlier builds and first completions ({} ms),"
          + " {} left after {} backward scans ({} ms)", withSuccess, afterFirsts, scan.history.size(), (t1 - t0) / 1_000_000, count, chunks,
          (t2 - t1) / 1_000_000);
    }
    if (count > 0) {
      long[][] candidates = candidates(scan, unresolved, count);
      long[] before = new long[n];
      Arrays.fill(before, NONE);
      SequenceProbes probes = new SequenceProbes(db, policy);
      long[][] tails = probes.probe(c, candidates, hi);
      if (tails[0].length > 0) {
        probes.walk(c, tails, hi, before);
      }
      for (int s = 0; s < n; s++) {
        if (unresolved[s]) {
          open[s] = before[s] != NONE ? before[s] : pending[s];
        }
      }
    }
    return open;
  }

  /** Walks the builds the window scan read just before the window backwards, like {@link #scanBack}. */
  private int replayHistory(WindowScan scan, boolean[] unresolved, long[] pending, long[] open) {
    WindowScan.History h = scan.history;
    int resolved = 0;
    for (int i = h.size() - 1; i >= 0; i--) {
      int s = sequence(scan, h.repository.get(i), h.workflow.get(i), h.branch.get(i), h.provider.get(i));
      if (s >= 0 && unresolved[s]) {
        resolved += step(s, h.latest.charAt(i), h.completed.get(i), unresolved, pending, open);
      }
    }
    return resolved;
  }

  /** One build, walking backwards: a failure moves the pending episode start, a success resolves. */
  private int step(int s, char latest, long completedAt, boolean[] unresolved, long[] pending, long[] open) {
    if (classifier.isFailure(latest)) {
      pending[s] = completedAt;
    } else if (classifier.isSuccess(latest)) {
      unresolved[s] = false;
      open[s] = pending[s];
      return 1;
    }
    return 0;
  }

  /** How far back before the window the backward scans may read: the window's length, at least a day. */
  static long floor(long from, long to) {
    return saturatedMinus(from, Math.max(DAY, to - from));
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
  private int scanBack(RowSource rows, WindowScan scan, long lo, long hi, boolean[] unresolved, long[] pending,
      long[] open) throws SQLException {
    int[] resolved = {0};
    rows.builds(lo, hi, true, (completedAt, repository, workflow, branch, provider, durationMs, attempts, outcomes) -> {
      int s = sequence(scan, repository, workflow, branch, provider);
      if (s >= 0 && unresolved[s]) {
        resolved[0] += step(s, AttemptOutcomes.Classifier.latest(outcomes), completedAt, unresolved, pending, open);
      }
    });
    return resolved[0];
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
}

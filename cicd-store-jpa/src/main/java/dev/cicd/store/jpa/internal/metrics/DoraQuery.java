package dev.cicd.store.jpa.internal.metrics;

import dev.cicd.core.build.Attempt;
import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.DeploymentState;
import dev.cicd.core.build.DeploymentStatus;
import dev.cicd.core.build.Workflow;
import dev.cicd.core.metrics.BuildSummary.DoraMetrics;
import dev.cicd.core.metrics.Dora;
import dev.cicd.core.metrics.MetricsQuery;
import dev.cicd.store.jpa.internal.Nanos;
import dev.cicd.store.jpa.internal.StoreDatabase;
import dev.cicd.store.jpa.internal.Terms;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * DORA metrics by the core definition ({@link Dora#compute}) over just the deployment statuses that can
 * change them: every terminal status from the window's start on (a deployment's outcome is its latest
 * one), plus, for environments with a successful deployment in the window, earlier outcomes read
 * backwards in growing steps until each such environment's latest success before the window; and the
 * head-commit times of the commits deployed in the window, in one indexed lookup.
 */
final class DoraQuery {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DoraQuery.class);
  private static final long WEEK = 7 * 86_400_000_000_000L;
  private static final Comparator<DeploymentStatus> ORDER =
      Comparator.comparing(DeploymentStatus::createdAt).thenComparingLong(DeploymentStatus::statusId);

  private final StoreDatabase db;
  private final Terms terms;

  DoraQuery(StoreDatabase db, Terms terms) {
    this.db = db;
    this.terms = terms;
  }

  DoraMetrics run(Connection c, MetricsQuery query) throws SQLException {
    long from = Nanos.of(query.from());
    List<DeploymentStatus> statuses = terminal(c, query.repository(), from, Long.MAX_VALUE, false);
    Map<List<Object>, DeploymentStatus> outcomes = new HashMap<>();
    for (DeploymentStatus s : statuses) {
      outcomes.merge(deployment(s), s, (a, b) -> ORDER.compare(a, b) >= 0 ? a : b);
    }
    Set<List<String>> environments = new HashSet<>();
    List<DeploymentStatus> deployed = new ArrayList<>();
    for (DeploymentStatus outcome : outcomes.values()) {
      if (outcome.state() == DeploymentState.SUCCESS && query.contains(outcome.createdAt())) {
        environments.add(environment(outcome));
        deployed.add(outcome);
      }
    }
    long t0 = System.nanoTime();
    int recent = statuses.size();
    if (!environments.isEmpty()) {
      statuses.addAll(earlierOutcomes(c, query.repository(), from, Nanos.of(query.to()) - from, environments,
          new HashSet<>(outcomes.keySet())));
    }
    long t1 = System.nanoTime();
    List<Build> carriers = commitCarriers(c, deployed);
    long t2 = System.nanoTime();
    DoraMetrics dora = Dora.compute(statuses, carriers, query);
    if (LOG.isDebugEnabled()) {
      LOG.debug("DORA: {} statuses since the window's start, {} earlier outcomes ({} ms), {} commits ({} ms),"
          + " compute {} ms", recent, statuses.size() - recent, (t1 - t0) / 1_000_000, carriers.size(),
          (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
    }
    return dora;
  }

  /**
   * Outcomes before {@code from} of the given environments, back to each one's latest success: all
   * terminal statuses one week back, then two, four... (at most twice the window's length, at least
   * eight weeks), then, for environments still open, their repository's statuses newest first.
   */
  private List<DeploymentStatus> earlierOutcomes(Connection c, @Nullable String repository, long from, long window,
      Set<List<String>> unresolved, Set<List<Object>> seen) throws SQLException {
    List<DeploymentStatus> found = new ArrayList<>();
    long oldest = oldest(c, repository);
    long reach = Math.max(8 * WEEK, 2 * window);
    long floor = from - reach > from ? oldest : Math.max(oldest, from - reach);
    long hi = from;
    for (long span = WEEK; !unresolved.isEmpty() && hi > floor; span *= 2) {
      long lo = hi - span > hi || hi - span < floor ? floor : hi - span;
      for (DeploymentStatus s : terminal(c, repository, lo, hi, true)) {
        take(s, unresolved, seen, found);
      }
      hi = lo;
    }
    if (!unresolved.isEmpty() && hi > oldest) {
      Set<String> repositories = new java.util.TreeSet<>();
      unresolved.forEach(e -> repositories.add(e.get(1)));
      for (String repo : repositories) {
        for (DeploymentStatus s : terminal(c, repo, Long.MIN_VALUE, hi, true)) {
          take(s, unresolved, seen, found);
          if (unresolved.stream().noneMatch(e -> e.get(1).equals(repo))) {
            break;
          }
        }
      }
    }
    return found;
  }

  /** Walking backwards: the first status met of a deployment is its outcome. */
  private static void take(DeploymentStatus s, Set<List<String>> unresolved, Set<List<Object>> seen,
      List<DeploymentStatus> found) {
    if (!seen.add(deployment(s)) || !unresolved.contains(environment(s))) {
      return;
    }
    found.add(s);
    if (s.state() == DeploymentState.SUCCESS) {
      unresolved.remove(environment(s));
    }
  }

  private long oldest(Connection c, @Nullable String repository) throws SQLException {
    String sql = "SELECT MIN(created_at) FROM " + db.table("deployment_status")
        + (repository == null ? "" : " WHERE repository = ?");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (repository != null) {
        ps.setString(1, repository);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long oldest = rs.getLong(1);
        return rs.wasNull() ? Long.MAX_VALUE : oldest;
      }
    }
  }

  /** Terminal statuses created in [lo, hi), newest first when {@code backwards}. */
  private List<DeploymentStatus> terminal(Connection c, @Nullable String repository, long lo, long hi,
      boolean backwards) throws SQLException {
    String sql = "SELECT provider, repository, deployment_id, status_id, environment, state, sha, ref, created_at,"
        + " creator, url FROM " + db.table("deployment_status") + " WHERE created_at >= ? AND created_at < ?"
        + " AND state IN ('success', 'failure', 'error')" + (repository == null ? "" : " AND repository = ?")
        + (backwards ? " ORDER BY created_at DESC, status_id DESC" : "");
    List<DeploymentStatus> statuses = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, lo);
      ps.setLong(2, hi);
      if (repository != null) {
        ps.setString(3, repository);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          statuses.add(new DeploymentStatus(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
              rs.getString(5), DeploymentState.fromWireName(rs.getString(6)).orElseThrow(), rs.getString(7),
              rs.getString(8), Nanos.toInstant(rs.getLong(9)), rs.getString(10), rs.getString(11)));
        }
      }
    }
    return statuses;
  }

  /** Stand-in builds carrying the earliest head-commit time of each deployed commit: all Dora reads of builds. */
  private List<Build> commitCarriers(Connection c, List<DeploymentStatus> deployed) throws SQLException {
    Map<Long, String> repositories = new HashMap<>();
    Set<List<Object>> wanted = new HashSet<>();
    for (DeploymentStatus d : deployed) {
      if (d.sha() != null) {
        java.util.Optional<Long> term = terms.find(c, Terms.Kind.REPOSITORY, d.repository());
        if (term.isPresent()) {
          repositories.put(term.get(), d.repository());
          wanted.add(List.of(term.get(), d.sha()));
        }
      }
    }
    List<Build> carriers = new ArrayList<>();
    if (wanted.isEmpty()) {
      return carriers;
    }
    if (db.kind() == StoreDatabase.Kind.H2) {
      lookUpEach(c, wanted, repositories, carriers);
    } else {
      lookUpAll(c, wanted, repositories, carriers);
    }
    return carriers;
  }

  /** H2 runs in-process: one indexed lookup per commit is cheaper than joining an array. */
  private void lookUpEach(Connection c, Set<List<Object>> wanted, Map<Long, String> repositories,
      List<Build> carriers) throws SQLException {
    String sql = "SELECT MIN(head_commit_at) FROM " + db.table("build") + db.useIndex("build_commit_ix")
        + " WHERE repository_term = ? AND commit_key = ? AND commit_sha = ? AND head_commit_at IS NOT NULL";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (List<Object> w : wanted) {
        long term = (Long) w.get(0);
        String sha = (String) w.get(1);
        ps.setLong(1, term);
        ps.setLong(2, Terms.hash(sha));
        ps.setString(3, sha);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          long at = rs.getLong(1);
          if (!rs.wasNull()) {
            carriers.add(carrier(repositories.get(term), sha, Nanos.toInstant(at)));
          }
        }
      }
    }
  }

  /** One statement for all commits, joining arrays of (repository term, commit hash) to the index. */
  private void lookUpAll(Connection c, Set<List<Object>> wanted, Map<Long, String> repositories,
      List<Build> carriers) throws SQLException {
    long[] repositoryTerms = new long[wanted.size()];
    long[] commitKeys = new long[wanted.size()];
    int i = 0;
    for (List<Object> w : wanted) {
      repositoryTerms[i] = (Long) w.get(0);
      commitKeys[i++] = Terms.hash((String) w.get(1));
    }
    String sql = "SELECT b.repository_term, b.commit_sha, MIN(b.head_commit_at) FROM "
        + SqlArrays.unnest(db.kind(), "s", "r", "k") + " JOIN " + db.table("build") + " b"
        + " ON b.repository_term = s.r AND b.commit_key = s.k WHERE b.head_commit_at IS NOT NULL"
        + " GROUP BY b.repository_term, b.commit_sha";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      SqlArrays.bind(c, ps, 1, repositoryTerms);
      SqlArrays.bind(c, ps, 2, commitKeys);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long term = rs.getLong(1);
          String sha = rs.getString(2);
          if (wanted.contains(List.of(term, sha))) {
            carriers.add(carrier(repositories.get(term), sha, Nanos.toInstant(rs.getLong(3))));
          }
        }
      }
    }
  }

  private static Build carrier(String repository, String sha, Instant headCommitAt) {
    return new Build(new BuildId("commit", repository, 0), 0, new Workflow(null, "", null), 0, null, sha, null,
        null, null, null, headCommitAt, headCommitAt, List.of(),
        List.of(new Attempt(1, BuildStatus.COMPLETED, null, null, null, null, null, true)), List.of());
  }

  private static List<Object> deployment(DeploymentStatus s) {
    return List.of(s.provider(), s.repository(), s.deploymentId());
  }

  private static List<String> environment(DeploymentStatus s) {
    return List.of(s.provider(), s.repository(), s.environment());
  }
}

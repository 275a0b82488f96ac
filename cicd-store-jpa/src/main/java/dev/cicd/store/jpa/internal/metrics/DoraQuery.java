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
    if (!environments.isEmpty()) {
      statuses.addAll(earlierOutcomes(c, query.repository(), from, environments, new HashSet<>(outcomes.keySet())));
    }
    return Dora.compute(statuses, commitCarriers(c, deployed), query);
  }

  /** Outcomes before {@code from} of the given environments, back to each one's latest success. */
  private List<DeploymentStatus> earlierOutcomes(Connection c, @Nullable String repository, long from,
      Set<List<String>> unresolved, Set<List<Object>> seen) throws SQLException {
    List<DeploymentStatus> found = new ArrayList<>();
    long oldest = oldest(c, repository);
    long hi = from;
    for (long span = WEEK; !unresolved.isEmpty() && hi > oldest; span *= 2) {
      long lo = hi - span > hi || hi - span < oldest ? oldest : hi - span;
      for (DeploymentStatus s : terminal(c, repository, lo, hi, true)) {
        if (!seen.add(deployment(s)) || !unresolved.contains(environment(s))) {
          continue;
        }
        found.add(s);
        if (s.state() == DeploymentState.SUCCESS) {
          unresolved.remove(environment(s));
        }
      }
      hi = lo;
    }
    return found;
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
        terms.find(Terms.Kind.REPOSITORY, d.repository()).ifPresent(term -> {
          repositories.put(term, d.repository());
          wanted.add(List.of(term, d.sha()));
        });
      }
    }
    List<Build> carriers = new ArrayList<>();
    if (wanted.isEmpty()) {
      return carriers;
    }
    long[] repositoryTerms = new long[wanted.size()];
    long[] commitKeys = new long[wanted.size()];
    int i = 0;
    for (List<Object> w : wanted) {
      repositoryTerms[i] = (Long) w.get(0);
      commitKeys[i++] = Terms.hash((String) w.get(1));
    }
    String sql = "SELECT b.repository_term, b.commit_sha, MIN(b.head_commit_at) FROM "
        + SqlArrays.unnest(db.kind(), "s", "r", "k") + " JOIN " + db.table("build")
        + " b ON b.repository_term = s.r AND b.commit_key = s.k WHERE b.head_commit_at IS NOT NULL"
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
    return carriers;
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

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * DORA metrics by the core definition ({@link Dora#compute}): the terminal deployment statuses (of the
 * filtered repository), plus the earliest head-commit time of just the commits deployed successfully in
 * the window, looked up by index. Deployment statuses are far fewer than builds; they are read whole.
 */
final class DoraQuery {
  private final StoreDatabase db;
  private final Terms terms;

  DoraQuery(StoreDatabase db, Terms terms) {
    this.db = db;
    this.terms = terms;
  }

  DoraMetrics run(Connection c, MetricsQuery query) throws SQLException {
    List<DeploymentStatus> statuses = terminalStatuses(c, query.repository());
    Set<List<String>> deployed = new LinkedHashSet<>();
    for (DeploymentStatus status : statuses) {
      if (status.state() == DeploymentState.SUCCESS && status.sha() != null && query.contains(status.createdAt())) {
        deployed.add(List.of(status.repository(), status.sha()));
      }
    }
    List<Build> commits = new ArrayList<>();
    for (List<String> commit : deployed) {
      earliestCommitTime(c, commit.get(0), commit.get(1))
          .ifPresent(at -> commits.add(commitCarrier(commit.get(0), commit.get(1), at)));
    }
    return Dora.compute(statuses, commits, query);
  }

  private List<DeploymentStatus> terminalStatuses(Connection c, @org.jspecify.annotations.Nullable String repository) throws SQLException {
    String sql = "SELECT provider, repository, deployment_id, status_id, environment, state, sha, ref, created_at,"
        + " creator, url FROM " + db.table("deployment_status") + " WHERE state IN ('success', 'failure', 'error')"
        + (repository == null ? "" : " AND repository = ?");
    List<DeploymentStatus> statuses = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (repository != null) {
        ps.setString(1, repository);
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

  private Optional<Instant> earliestCommitTime(Connection c, String repository, String sha) throws SQLException {
    Optional<Long> repositoryTerm = terms.find(Terms.Kind.REPOSITORY, repository);
    if (repositoryTerm.isEmpty()) {
      return Optional.empty();
    }
    String sql = "SELECT MIN(head_commit_at) FROM " + db.table("build")
        + " WHERE repository_term = ? AND commit_key = ? AND commit_sha = ? AND head_commit_at IS NOT NULL";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, repositoryTerm.get());
      ps.setLong(2, Terms.hash(sha));
      ps.setString(3, sha);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long at = rs.getLong(1);
        return rs.wasNull() ? Optional.empty() : Optional.of(Nanos.toInstant(at));
      }
    }
  }

  /** A stand-in build that carries only a commit and its time, which is all {@link Dora} reads of builds. */
  private static Build commitCarrier(String repository, String sha, Instant headCommitAt) {
    return new Build(new BuildId("commit", repository, 0), 0, new Workflow(null, "", null), 0, null, sha, null,
        null, null, null, headCommitAt, headCommitAt, List.of(),
        List.of(new Attempt(1, BuildStatus.COMPLETED, null, null, null, null, null, true)), List.of());
  }
}

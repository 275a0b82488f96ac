package dev.cicd.benchmarks;

import dev.cicd.core.build.Attempt;
import dev.cicd.core.build.Build;
import dev.cicd.core.build.DeploymentStatus;
import dev.cicd.core.build.Job;
import dev.cicd.store.jpa.internal.AttemptOutcomes;
import dev.cicd.store.jpa.internal.Nanos;
import dev.cicd.store.jpa.internal.SortKey;
import dev.cicd.store.jpa.internal.Terms;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/**
 * Loads the benchmark history with JDBC batch inserts straight into the store's tables, filling the
 * derived columns with the store's own encoders (the benchmark checks a sample against
 * {@code find()}). Terms are interned through the store's {@link Terms}.
 */
final class BulkLoader {
  private static final int BATCH = 1_000;
  private final Terms terms;
  private final String prefix;

  BulkLoader(Terms terms, String prefix) {
    this.terms = terms;
    this.prefix = prefix;
  }

  void load(Connection c, BenchData data, List<DeploymentStatus> deployments) throws SQLException {
    c.setAutoCommit(false);
    long attemptId = 0;
    long jobId = 0;
    try (PreparedStatement builds = c.prepareStatement(insert("build", 32));
        PreparedStatement attempts = c.prepareStatement(insert("attempt", 10));
        PreparedStatement jobs = c.prepareStatement(insert("job", 19))) {
      for (int i = 0; i < data.builds; i++) {
        Build build = data.build(i);
        long id = i + 1L;
        bindBuild(builds, id, build);
        builds.addBatch();
        for (Attempt a : build.attempts()) {
          bindAttempt(attempts, ++attemptId, id, a);
          attempts.addBatch();
        }
        for (Job j : build.jobs()) {
          bindJob(jobs, ++jobId, id, build, j);
          jobs.addBatch();
        }
        if ((i + 1) % BATCH == 0 || i + 1 == data.builds) {
          builds.executeBatch();
          attempts.executeBatch();
          jobs.executeBatch();
          c.commit();
        }
        if ((i + 1) % 100_000 == 0) {
          System.out.printf("  loaded %,d builds%n", i + 1);
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement(insert("deployment_status", 12))) {
      long id = 0;
      for (DeploymentStatus d : deployments) {
        int k = 1;
        ps.setLong(k++, ++id);
        ps.setString(k++, d.provider());
        ps.setString(k++, d.repository());
        ps.setLong(k++, d.statusId());
        ps.setLong(k++, d.deploymentId());
        ps.setString(k++, d.environment());
        ps.setString(k++, d.state().wireName());
        ps.setString(k++, d.sha());
        ps.setString(k++, d.ref());
        ps.setLong(k++, Nanos.of(d.createdAt()));
        ps.setString(k++, d.creator());
        ps.setString(k, d.url());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    c.commit();
    try (Statement s = c.createStatement()) {
      for (String seq : List.of("build_seq", "attempt_seq", "job_seq", "deployment_status_seq")) {
        s.execute("ALTER SEQUENCE " + prefix + seq + " RESTART WITH " + (data.builds * 3L + 1_000));
      }
    }
    c.commit();
    c.setAutoCommit(true);
  }

  private String insert(String table, int columns) {
    String names = switch (table) {
      case "build" -> "id, provider, repository, run_id, version, workflow_id, workflow_name, workflow_path,"
          + " run_number, branch, commit_sha, commit_key, event, actor, title, url, created_at, head_commit_at,"
          + " pull_requests, status, conclusion, started_at, completed_at, duration_ms, attempt_number,"
          + " attempt_outcomes, provider_term, repository_term, workflow_term, branch_term, event_term, sort_key";
      case "attempt" -> "id, build_id, number, status, conclusion, started_at, updated_at, completed_at,"
          + " triggering_actor, placeholder";
      case "job" -> "id, build_id, attempt, job_id, name, status, conclusion, created_at, started_at, completed_at,"
          + " runner_name, runner_group, labels, url, queue_ms, build_completed_at, repository_term, workflow_term,"
          + " branch_term";
      default -> "id, provider, repository, status_id, deployment_id, environment, state, sha, ref, created_at,"
          + " creator, url";
    };
    return "INSERT INTO " + prefix + table + " (" + names + ") VALUES (" + "?, ".repeat(columns - 1) + "?)";
  }

  private void bindBuild(PreparedStatement ps, long id, Build b) throws SQLException {
    int k = 1;
    ps.setLong(k++, id);
    ps.setString(k++, b.id().provider());
    ps.setString(k++, b.id().repository());
    ps.setLong(k++, b.id().runId());
    ps.setLong(k++, 1);
    ps.setObject(k++, b.workflow().id(), Types.BIGINT);
    ps.setString(k++, b.workflow().name());
    ps.setString(k++, b.workflow().path());
    ps.setLong(k++, b.runNumber());
    ps.setString(k++, b.branch());
    ps.setString(k++, b.commitSha());
    ps.setObject(k++, b.commitSha() == null ? null : Terms.hash(b.commitSha()), Types.BIGINT);
    ps.setString(k++, b.event());
    ps.setString(k++, b.actor());
    ps.setString(k++, b.title());
    ps.setString(k++, b.url());
    ps.setLong(k++, Nanos.of(b.createdAt()));
    setInstant(ps, k++, b.headCommitAt());
    ps.setString(k++, "");
    ps.setString(k++, b.status().wireName());
    ps.setString(k++, b.conclusion() == null ? null : b.conclusion().wireName());
    setInstant(ps, k++, b.startedAt());
    setInstant(ps, k++, b.completedAt());
    ps.setObject(k++, b.durationMs(), Types.BIGINT);
    ps.setInt(k++, b.attemptNumber());
    ps.setString(k++, AttemptOutcomes.encode(b.attempts()));
    ps.setLong(k++, terms.idOf(Terms.Kind.PROVIDER, b.id().provider()));
    ps.setLong(k++, terms.idOf(Terms.Kind.REPOSITORY, b.id().repository()));
    ps.setLong(k++, terms.idOf(Terms.Kind.WORKFLOW, b.workflow().name()));
    ps.setLong(k++, terms.idOf(Terms.Kind.BRANCH, b.branch()));
    ps.setLong(k++, terms.idOf(Terms.Kind.EVENT, b.event()));
    ps.setBytes(k, SortKey.of(b.id().repository(), b.id().provider()));
  }

  private static void bindAttempt(PreparedStatement ps, long id, long buildId, Attempt a) throws SQLException {
    int k = 1;
    ps.setLong(k++, id);
    ps.setLong(k++, buildId);
    ps.setInt(k++, a.number());
    ps.setString(k++, a.status().wireName());
    ps.setString(k++, a.conclusion() == null ? null : a.conclusion().wireName());
    setInstant(ps, k++, a.startedAt());
    setInstant(ps, k++, a.updatedAt());
    setInstant(ps, k++, a.completedAt());
    ps.setString(k++, a.triggeringActor());
    ps.setBoolean(k, a.placeholder());
  }

  private void bindJob(PreparedStatement ps, long id, long buildId, Build b, Job j) throws SQLException {
    int k = 1;
    ps.setLong(k++, id);
    ps.setLong(k++, buildId);
    ps.setInt(k++, j.attempt());
    ps.setLong(k++, j.id());
    ps.setString(k++, j.name());
    ps.setString(k++, j.status().wireName());
    ps.setString(k++, j.conclusion() == null ? null : j.conclusion().wireName());
    setInstant(ps, k++, j.createdAt());
    setInstant(ps, k++, j.startedAt());
    setInstant(ps, k++, j.completedAt());
    ps.setString(k++, j.runnerName());
    ps.setString(k++, j.runnerGroup());
    ps.setString(k++, dev.cicd.store.jpa.internal.TextLists.encodeStrings(j.labels()));
    ps.setString(k++, j.url());
    ps.setObject(k++, j.queueMs(), Types.BIGINT);
    setInstant(ps, k++, b.completedAt());
    ps.setLong(k++, terms.idOf(Terms.Kind.REPOSITORY, b.id().repository()));
    ps.setLong(k++, terms.idOf(Terms.Kind.WORKFLOW, b.workflow().name()));
    ps.setLong(k, terms.idOf(Terms.Kind.BRANCH, b.branch()));
  }

  private static void setInstant(PreparedStatement ps, int index, @org.jspecify.annotations.Nullable Instant instant) throws SQLException {
    ps.setObject(index, Nanos.ofNullable(instant), Types.BIGINT);
  }
}

package dev.cicd.store.jpa.internal;

import dev.cicd.core.build.BuildId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads build aggregates for group commit with plain JDBC into detached entities ({@link AggregateRows}
 * writes them back), in the two queries per build Hibernate's loading used: the build with its attempts by
 * the unique key, then its jobs (steps included, a column of the job row) by the build's row id, each a
 * prepared statement reused for the whole batch. Hibernate's loading cost about a seventh of the server's CPU under webhook load. (One
 * {@code IN} list of row ids per table for the whole batch was tried: PostgreSQL, planning with the
 * statistics of a table that had grown since its last analyze, read the step table sequentially.)
 */
final class AggregateLoads {
  private final AggregateTables tables;
  private final String buildsWithAttempts;
  private final String jobs;

  AggregateLoads(AggregateTables tables) {
    this.tables = tables;
    this.buildsWithAttempts = "SELECT " + tables.builds.selectList("b") + ", " + tables.attempts.selectList("a")
        + " FROM " + tables.builds.table() + " b LEFT JOIN " + tables.attempts.table() + " a ON a.build_id = b.id"
        + " WHERE b.provider = ? AND b.repository = ? AND b.run_id = ? ORDER BY a.number";
    this.jobs = "SELECT " + tables.jobs.selectList("j") + " FROM " + tables.jobs.table() + " j"
        + " WHERE j.build_id = ? ORDER BY j.id";
  }

  /** The stored builds among {@code ids}, each with its attempts (by number), jobs and steps (by position). */
  Map<BuildId, BuildEntity> load(Connection c, Collection<BuildId> ids) throws SQLException {
    Map<BuildId, BuildEntity> found = new HashMap<>();
    try (PreparedStatement builds = c.prepareStatement(buildsWithAttempts);
        PreparedStatement jobs = c.prepareStatement(this.jobs)) {
      for (BuildId id : ids) {
        BuildEntity build = build(builds, id);
        if (build != null) {
          readJobs(jobs, build);
          found.put(id, build);
        }
      }
    }
    return found;
  }

  private @Nullable BuildEntity build(PreparedStatement ps, BuildId id) throws SQLException {
    ps.setString(1, id.provider());
    ps.setString(2, id.repository());
    ps.setLong(3, id.runId());
    BuildEntity build = null;
    int attemptAt = tables.builds.width() + 1;
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        if (build == null) {
          build = tables.builds.read(rs, 1, BuildEntity::create);
        }
        if (RowTable.id(rs, attemptAt) != null) {
          AttemptEntity attempt = tables.attempts.read(rs, attemptAt, AttemptEntity::new);
          attempt.build = build;
          build.attempts.add(attempt);
        }
      }
    }
    return build;
  }

  private void readJobs(PreparedStatement ps, BuildEntity build) throws SQLException {
    ps.setLong(1, Objects.requireNonNull(build.id));
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        JobEntity job = tables.jobs.read(rs, 1, JobEntity::new);
        job.build = build;
        build.jobs.add(job);
      }
    }
  }
}

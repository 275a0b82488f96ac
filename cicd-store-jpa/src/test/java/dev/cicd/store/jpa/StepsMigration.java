package dev.cicd.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.build.Job;
import dev.cicd.core.build.Step;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Schema version 3 moves a job's steps from rows of {@code step} into its row: a database at version 2 with
 * step rows (written in SQL, as version 2's code wrote them) is opened by the store, and every job reads back
 * with the same steps in position order, none lost, none moved to another job; table {@code step} is gone.
 */
final class StepsMigration {
  static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
  static final String LONG_NAME = "n".repeat(998) + "\uD83D\uDE80"; // 1,000 UTF-16 code units, the longest name

  private StepsMigration() {}

  /** Migrates {@code data} to version 2, writes builds with step rows, then opens the store and checks them. */
  static void check(DataSource data, Supplier<JpaBuildStore> open) throws SQLException {
    Flyway.configure(StepsMigration.class.getClassLoader()).dataSource(data)
        .locations("classpath:db/migration").table("cicd_schema_history")
        .placeholders(Map.of("prefix", "cicd_")).target("2").load().migrate();
    try (Connection c = data.getConnection(); Statement s = c.createStatement()) {
      build(s, 1, 101);
      build(s, 2, 102);
      job(s, 11, 1, 7001);
      job(s, 12, 1, 7002);
      job(s, 13, 2, 7003);
      // Positions inserted out of order: the migration orders by position, not by row id.
      step(c, 1, 11, 2, 3, "Test;with:separators 12:x", "completed", "failure", T.plusSeconds(9), T.plusSeconds(20));
      step(c, 2, 11, 0, 1, "Set up job", "completed", "success", T.plusSeconds(1), T.plusSeconds(2));
      step(c, 3, 11, 1, 2, LONG_NAME, "in_progress", null, T.plusSeconds(2), null);
      step(c, 4, 13, 0, -1, "\uD83D\uDE80 deploy \u202E", "queued", null, null, null);
    }
    try (JpaBuildStore store = open.get()) {
      Build first = store.find(BuildId.github("o/r", 101)).orElseThrow();
      assertThat(first.jobs()).extracting(Job::id).containsExactlyInAnyOrder(7001L, 7002L);
      assertThat(steps(first, 7001)).containsExactly(
          new Step(1, "Set up job", BuildStatus.COMPLETED, Conclusion.SUCCESS, T.plusSeconds(1), T.plusSeconds(2)),
          new Step(2, LONG_NAME, BuildStatus.IN_PROGRESS, null, T.plusSeconds(2), null),
          new Step(3, "Test;with:separators 12:x", BuildStatus.COMPLETED, Conclusion.FAILURE, T.plusSeconds(9),
              T.plusSeconds(20)));
      assertThat(steps(first, 7002)).isEmpty();
      Build second = store.find(BuildId.github("o/r", 102)).orElseThrow();
      assertThat(steps(second, 7003)).containsExactly(
          new Step(-1, "\uD83D\uDE80 deploy \u202E", BuildStatus.QUEUED, null, null, null));
      try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
        assertThatThrownBy(() -> s.executeQuery("SELECT COUNT(*) FROM cicd_step")).isInstanceOf(SQLException.class);
      }
    }
  }

  private static List<Step> steps(Build build, long jobId) {
    return build.jobs().stream().filter(j -> j.id() == jobId).findFirst().orElseThrow().steps();
  }

  private static void build(Statement s, long id, long runId) throws SQLException {
    try (PreparedStatement ps = s.getConnection().prepareStatement("INSERT INTO cicd_build (id, provider, repository,"
        + " run_id, version, workflow_name, run_number, created_at, pull_requests, status, attempt_number,"
        + " attempt_outcomes, provider_term, repository_term, workflow_term, branch_term, event_term, sort_key)"
        + " VALUES (?, 'github', 'o/r', ?, 1, 'CI', ?, ?, '', 'in_progress', 1, '-', 1, 2, 3, 4, 5, ?)")) {
      ps.setLong(1, id);
      ps.setLong(2, runId);
      ps.setLong(3, runId);
      ps.setLong(4, nanos(T));
      ps.setBytes(5, new byte[] {0});
      ps.executeUpdate();
    }
    s.execute("INSERT INTO cicd_attempt (id, build_id, number, status, placeholder) VALUES (" + id + ", " + id
        + ", 1, 'in_progress', FALSE)");
  }

  private static void job(Statement s, long id, long buildId, long jobId) throws SQLException {
    s.execute("INSERT INTO cicd_job (id, build_id, attempt, job_id, name, status, labels, repository_term,"
        + " workflow_term, branch_term) VALUES (" + id + ", " + buildId + ", 1, " + jobId + ", 'job', 'in_progress',"
        + " '', 2, 3, 4)");
  }

  private static void step(Connection c, long id, long jobRow, int position, int number, String name, String status,
      String conclusion, Instant started, Instant completed) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO cicd_step (id, job_id, position, number, name,"
        + " status, conclusion, started_at, completed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, id);
      ps.setLong(2, jobRow);
      ps.setInt(3, position);
      ps.setInt(4, number);
      ps.setString(5, name);
      ps.setString(6, status);
      ps.setString(7, conclusion);
      ps.setObject(8, started == null ? null : nanos(started), java.sql.Types.BIGINT);
      ps.setObject(9, completed == null ? null : nanos(completed), java.sql.Types.BIGINT);
      ps.executeUpdate();
    }
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }
}

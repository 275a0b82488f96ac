package db.migration;

import dev.cicd.store.jpa.internal.StepCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema version 3, for H2 and PostgreSQL: a job's steps move from rows of table {@code step} into the text
 * column {@code job.steps} ({@link StepCodec}'s form), then table {@code step} and its sequence are dropped.
 * A Java migration because the column's name lengths count UTF-16 code units, which neither database's
 * {@code LENGTH} does. Steps are read in (job, position) order in pages and written back in JDBC batches.
 */
public class V3__Steps_in_job_row extends BaseJavaMigration {
  private static final int BATCH = 1_000;

  @Override
  public void migrate(Context context) throws SQLException {
    String prefix = context.getConfiguration().getPlaceholders().getOrDefault("prefix", "cicd_");
    Connection c = context.getConnection();
    try (Statement s = c.createStatement()) {
      s.execute("ALTER TABLE " + prefix + "job ADD COLUMN steps VARCHAR DEFAULT '' NOT NULL");
    }
    moveSteps(c, prefix);
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE " + prefix + "step");
      s.execute("DROP SEQUENCE " + prefix + "step_seq");
    }
  }

  private static void moveSteps(Connection c, String prefix) throws SQLException {
    try (PreparedStatement read = c.prepareStatement("SELECT job_id, number, status, conclusion, started_at,"
            + " completed_at, name FROM " + prefix + "step ORDER BY job_id, position");
        PreparedStatement write = c.prepareStatement("UPDATE " + prefix + "job SET steps = ? WHERE id = ?")) {
      read.setFetchSize(BATCH);
      int pending = 0;
      long job = 0;
      StringBuilder steps = null;
      try (ResultSet rs = read.executeQuery()) {
        while (rs.next()) {
          long jobId = rs.getLong(1);
          if (steps != null && jobId != job) {
            pending = add(write, job, steps, pending);
            steps = null;
          }
          if (steps == null) {
            steps = new StringBuilder();
            job = jobId;
          }
          long started = rs.getLong(5);
          Long startedAt = rs.wasNull() ? null : started;
          long completed = rs.getLong(6);
          Long completedAt = rs.wasNull() ? null : completed;
          StepCodec.append(steps, rs.getInt(2), rs.getString(3), rs.getString(4), startedAt, completedAt,
              rs.getString(7));
        }
      }
      if (steps != null) {
        pending = add(write, job, steps, pending);
      }
      if (pending > 0) {
        write.executeBatch();
      }
    }
  }

  private static int add(PreparedStatement write, long job, CharSequence steps, int pending) throws SQLException {
    write.setString(1, steps.toString());
    write.setLong(2, job);
    write.addBatch();
    if (pending + 1 < BATCH) {
      return pending + 1;
    }
    write.executeBatch();
    return 0;
  }
}

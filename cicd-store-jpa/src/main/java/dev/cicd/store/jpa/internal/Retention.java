package dev.cicd.store.jpa.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Deletes builds completed before a cutoff in bounded batches (child rows go by ON DELETE CASCADE) and
 * bumps the retention epoch in the same transaction, which empties every instance's summary cache.
 */
public final class Retention {
  private final StoreDatabase db;

  public Retention(StoreDatabase db) {
    this.db = db;
  }

  public int deleteCompletedBefore(Instant cutoff, int maxBuilds) {
    if (maxBuilds < 1) {
      throw new IllegalArgumentException("maxBuilds must be positive, but was " + maxBuilds);
    }
    String build = db.table("build");
    String sql = "DELETE FROM " + build + " WHERE id IN (SELECT id FROM " + build
        + " WHERE completed_at < ? ORDER BY completed_at FETCH FIRST " + maxBuilds + " ROWS ONLY)";
    return db.withConnection(() -> "Failed to delete builds completed before " + cutoff, c -> {
      c.setAutoCommit(false);
      try (PreparedStatement delete = c.prepareStatement(sql);
          PreparedStatement epoch = c.prepareStatement("UPDATE " + db.table("build_day")
              + " SET version = version + 1 WHERE utc_day = " + DayStamps.EPOCH_DAY)) {
        delete.setLong(1, Nanos.of(cutoff));
        int deleted = delete.executeUpdate();
        if (deleted > 0) {
          epoch.executeUpdate();
        }
        c.commit();
        return deleted;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    });
  }

  public long count() {
    return db.withConnection(() -> "Failed to count builds", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + db.table("build"));
          var rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }
}

package dev.cicd.store.jpa.internal;

import java.sql.PreparedStatement;
import java.time.Instant;

/** Deletes builds completed before a cutoff in bounded batches; child rows go by ON DELETE CASCADE. */
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
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setLong(1, Nanos.of(cutoff));
        return ps.executeUpdate();
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

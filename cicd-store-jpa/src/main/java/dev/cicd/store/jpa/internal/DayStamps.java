package dev.cicd.store.jpa.internal;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Writes table {@code build_day}: a save that touches a build completed on a settled day (more than a
 * day old by this instance's clock) bumps that day's version in the same transaction, so that every
 * instance's summary cache drops the day. Today's and yesterday's builds bump nothing (no contention
 * on busy rows); summaries never cache them.
 */
public final class DayStamps {
  /** Day of the retention epoch row, bumped when builds are deleted. */
  public static final long EPOCH_DAY = Long.MIN_VALUE;
  private static final long DAY = 86_400_000_000_000L;

  /** The day's row is missing: create it outside the transaction and retry. */
  static final class MissingDay extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final long day;

    MissingDay(long day) {
      super(null, null, false, false);
      this.day = day;
    }
  }

  private final StoreDatabase db;
  private final Clock clock;

  public DayStamps(StoreDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Bumps the settled days of {@code completedAt} (nanosecond completion times a transaction added, changed or
   * removed), each once and in ascending order, so that two transactions stamping the same days wait for each
   * other instead of deadlocking; call it last in the transaction (the row locks last until commit). Throws
   * {@link MissingDay} for the first day without a row.
   */
  void touch(EntityManager em, SortedSet<Long> completedAt) {
    for (long day : settled(completedAt)) {
      int updated = em.createNativeQuery("UPDATE " + db.table("build_day")
              + " SET version = version + 1 WHERE utc_day = ?")
          .setParameter(1, day)
          .executeUpdate();
      if (updated == 0) {
        throw new MissingDay(day);
      }
    }
  }

  /** {@link #touch(EntityManager, SortedSet)} on the transaction's connection, for writes made with JDBC. */
  void touch(Connection c, SortedSet<Long> completedAt) throws SQLException {
    SortedSet<Long> settled = settled(completedAt);
    if (settled.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + db.table("build_day")
        + " SET version = version + 1 WHERE utc_day = ?")) {
      for (long day : settled) {
        ps.setLong(1, day);
        if (ps.executeUpdate() == 0) {
          throw new MissingDay(day);
        }
      }
    }
  }

  /** The days of {@code completedAt} that are settled (before yesterday), ascending. */
  private SortedSet<Long> settled(SortedSet<Long> completedAt) {
    long settledBefore = Math.floorDiv(Nanos.of(clock.instant()), DAY) - 1;
    SortedSet<Long> settled = new TreeSet<>();
    for (long nanos : completedAt) {
      long day = Math.floorDiv(nanos, DAY);
      if (day < settledBefore) {
        settled.add(day);
      }
    }
    return settled;
  }

  /** Runs {@code transaction}, creating each missing day row it reports and running it again. */
  public void retryingMissingDays(Runnable transaction) {
    while (true) {
      try {
        transaction.run();
        return;
      } catch (MissingDay missing) {
        create(missing.day);
      }
    }
  }

  /** Creates the row of {@code day} if missing (its own statement; a concurrent creation is fine). */
  void create(long day) {
    db.withConnection(() -> "Failed to create the change stamp of day " + day, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO " + db.table("build_day") + " (utc_day, version) VALUES (?, 1)")) {
        ps.setLong(1, day);
        ps.executeUpdate();
      } catch (SQLException e) {
        if (!Failures.isUniqueViolation(e)) {
          throw e;
        }
      }
      return null;
    });
  }
}

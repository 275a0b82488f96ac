package dev.cicd.store.jpa.internal;

import dev.cicd.store.jpa.internal.BuildMapping.TermIds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Table {@code build_sequence}: the earliest completion time per MTTR sequence. Lowered in its own
 * statement before a completed build is saved, so it never exceeds the completion time of a stored
 * build of that sequence (a failed save leaves it merely early, which only costs a summary a lookup).
 */
public final class Sequences {
  private static final int CACHE_LIMIT = 100_000;
  private record Key(long repository, long workflow, long branch, long provider) {}

  private final StoreDatabase db;
  private final Map<Key, Long> known = new ConcurrentHashMap<>();

  public Sequences(StoreDatabase db) {
    this.db = db;
  }

  /** Makes sure the sequence of {@code terms} records a first completion at or before {@code completedAt}. */
  public void recordCompletion(TermIds terms, long completedAt) {
    Key key = new Key(terms.repository(), terms.workflow(), terms.branch(), terms.provider());
    Long first = known.get(key);
    if (first != null && first <= completedAt) {
      return;
    }
    db.withConnection(() -> "Failed to record a build sequence", c -> {
      for (int attempt = 1; ; attempt++) {
        try {
          lower(c, key, completedAt);
          return null;
        } catch (SQLException e) {
          if (attempt >= 3 || !(Failures.isUniqueViolation(e) || Failures.isWriteConflict(e))) {
            throw e;
          }
        }
      }
    });
    if (known.size() > CACHE_LIMIT) {
      known.clear();
    }
    known.merge(key, completedAt, Math::min);
  }

  private void lower(Connection c, Key key, long completedAt) throws SQLException {
    String table = db.table("build_sequence");
    String sql = db.kind() == StoreDatabase.Kind.POSTGRESQL
        ? "INSERT INTO " + table + " AS t (repository_term, workflow_term, branch_term, provider_term,"
            + " first_completed_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (repository_term, workflow_term, branch_term,"
            + " provider_term) DO UPDATE SET first_completed_at = EXCLUDED.first_completed_at"
            + " WHERE EXCLUDED.first_completed_at < t.first_completed_at"
        : "MERGE INTO " + table + " t USING (VALUES (CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT),"
            + " CAST(? AS BIGINT), CAST(? AS BIGINT))) s(r, w, b, p, f) ON t.repository_term = s.r"
            + " AND t.workflow_term = s.w AND t.branch_term = s.b AND t.provider_term = s.p"
            + " WHEN MATCHED AND s.f < t.first_completed_at THEN UPDATE SET first_completed_at = s.f"
            + " WHEN NOT MATCHED THEN INSERT (repository_term, workflow_term, branch_term, provider_term,"
            + " first_completed_at) VALUES (s.r, s.w, s.b, s.p, s.f)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, key.repository());
      ps.setLong(2, key.workflow());
      ps.setLong(3, key.branch());
      ps.setLong(4, key.provider());
      ps.setLong(5, completedAt);
      ps.executeUpdate();
    }
  }
}

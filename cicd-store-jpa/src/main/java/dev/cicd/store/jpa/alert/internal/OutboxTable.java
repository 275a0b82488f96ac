package dev.cicd.store.jpa.alert.internal;

import dev.cicd.core.alert.OutboxEntry;
import dev.cicd.core.alert.OutboxStatus;
import dev.cicd.store.jpa.internal.Failures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Table {@code alert_outbox}: lookups, listings and the lease-checked state changes of one row. */
public final class OutboxTable {
  /** SQL condition (one parameter: now) of a row that no lease holds. */
  static final String UNLEASED = "(lease_owner IS NULL OR lease_until IS NULL OR lease_until <= ?)";
  static final String CANCEL_NOTE = "cancelled: the alert resolved before this was sent";

  private final AlertDb db;
  private final String table;

  public OutboxTable(AlertDb db) {
    this.db = db;
    this.table = db.table("alert_outbox");
  }

  String table() {
    return table;
  }

  public Optional<OutboxEntry> find(String key) {
    return db.autoCommit(() -> "Failed to read outbox row " + key, c -> find(c, key));
  }

  Optional<OutboxEntry> find(Connection c, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + OutboxRows.COLUMNS + " FROM " + table
        + " WHERE outbox_key = ?")) {
      Args.of(ps).text(key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(OutboxRows.read(rs)) : Optional.empty();
      }
    }
  }

  /** Newest first by creation, then key. */
  public List<OutboxEntry> newest(@Nullable OutboxStatus status, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    String sql = "SELECT " + OutboxRows.COLUMNS + " FROM " + table + (status == null ? "" : " WHERE status = ?")
        + " ORDER BY created_at DESC, " + db.textOrder("outbox_key") + " DESC LIMIT ?";
    return db.autoCommit(() -> "Failed to list the outbox", c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        Args args = Args.of(ps);
        if (status != null) {
          args.code(status);
        }
        args.integer(limit);
        return readAll(ps);
      }
    });
  }

  static List<OutboxEntry> readAll(PreparedStatement ps) throws SQLException {
    List<OutboxEntry> rows = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(OutboxRows.read(rs));
      }
    }
    return rows;
  }

  public Map<OutboxStatus, Long> counts() {
    return db.autoCommit(() -> "Failed to count the outbox", c -> {
      Map<OutboxStatus, Long> counts = new EnumMap<>(OutboxStatus.class);
      try (PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*) AS n FROM " + table + " GROUP BY status");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counts.put(Columns.code(rs, "status", OutboxStatus.class), rs.getLong("n"));
        }
      }
      return counts;
    });
  }

  public Optional<Instant> groupRelease(String groupKey) {
    return db.autoCommit(() -> "Failed to read the release time of group " + groupKey, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT MIN(next_attempt_at) AS release_at FROM " + table
          + " WHERE group_key = ? AND status = ? AND attempts = 0")) {
        Args.of(ps).text(groupKey).code(OutboxStatus.PENDING);
        try (ResultSet rs = ps.executeQuery()) {
          return Optional.ofNullable(rs.next() ? Columns.optionalTime(rs, "release_at") : null);
        }
      }
    });
  }

  /** Inserts the rows whose key is not stored yet; existing rows stay as they are. */
  void insertAbsent(Connection c, List<OutboxEntry> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    String insert = "INSERT INTO " + table + " (" + OutboxRows.COLUMNS + ") VALUES (" + OutboxRows.PLACEHOLDERS + ")";
    if (db.dialect() == AlertDb.Dialect.POSTGRESQL) {
      try (PreparedStatement ps = c.prepareStatement(insert + " ON CONFLICT (outbox_key) DO NOTHING")) {
        for (OutboxEntry row : rows) {
          OutboxRows.bind(ps, row);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(insert)) {
      for (OutboxEntry row : rows) {
        if (find(c, row.key()).isPresent()) {
          continue;
        }
        OutboxRows.bind(ps, row);
        Savepoint before = c.setSavepoint();
        try {
          ps.executeUpdate();
        } catch (SQLException e) {
          if (!Failures.isUniqueViolation(e)) {
            throw e;
          }
          c.rollback(before); // inserted by a concurrent transaction meanwhile: that row stays
        }
      }
    }
  }

  /** Cancels the listed rows that are pending and not leased at {@code at}. */
  void cancel(Connection c, List<String> keys, Instant at) throws SQLException {
    if (keys.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET status = ?, last_error = ?,"
        + " lease_owner = NULL, lease_until = NULL WHERE outbox_key = ? AND status = ? AND " + UNLEASED)) {
      for (String key : keys) {
        Args.of(ps).code(OutboxStatus.CANCELLED).text(CANCEL_NOTE).text(key).code(OutboxStatus.PENDING).time(at);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Sets a final status on a row the owner leases; see {@code AlertStore.complete}. */
  public boolean complete(String key, String leaseOwner, OutboxStatus status, Instant at, @Nullable String detail,
      boolean attempted) {
    return db.autoCommit(() -> "Failed to complete outbox row " + key, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET status = ?, attempts = attempts + ?,"
          + " last_attempt_at = COALESCE(?, last_attempt_at), last_error = ?, lease_owner = NULL, lease_until = NULL"
          + " WHERE outbox_key = ? AND status = ? AND lease_owner = ?")) {
        Args.of(ps).code(status).integer(attempted ? 1 : 0).time(attempted ? at : null).text(detail).text(key)
            .code(OutboxStatus.PENDING).text(leaseOwner);
        return ps.executeUpdate() == 1;
      }
    });
  }

  /** Puts a row the owner leases back to pending; see {@code AlertStore.reschedule}. */
  public boolean reschedule(String key, String leaseOwner, Instant at, Instant nextAttemptAt, @Nullable String error,
      boolean attempted) {
    return db.autoCommit(() -> "Failed to reschedule outbox row " + key, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET attempts = attempts + ?,"
          + " next_attempt_at = ?, last_attempt_at = COALESCE(?, last_attempt_at),"
          + " last_error = COALESCE(?, last_error), lease_owner = NULL, lease_until = NULL"
          + " WHERE outbox_key = ? AND status = ? AND lease_owner = ?")) {
        Args.of(ps).integer(attempted ? 1 : 0).time(nextAttemptAt).time(attempted ? at : null).text(error).text(key)
            .code(OutboxStatus.PENDING).text(leaseOwner);
        return ps.executeUpdate() == 1;
      }
    });
  }
}

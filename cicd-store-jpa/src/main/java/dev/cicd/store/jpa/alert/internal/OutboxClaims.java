package dev.cicd.store.jpa.alert.internal;

import dev.cicd.core.alert.AlertStoreException;
import dev.cicd.core.alert.OutboxEntry;
import dev.cicd.core.alert.OutboxStatus;
import dev.cicd.store.jpa.internal.Failures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Leases due outbox rows ({@code AlertStore.claimDue}). PostgreSQL: one transaction that selects the
 * due rows {@code FOR UPDATE SKIP LOCKED} and writes the lease, so concurrent claimers skip each
 * other's rows. H2: a conditional update per candidate row ({@code ... WHERE outbox_key = ? AND
 * <still pending, due and unleased>}); a claimer that loses a row to another one moves on to the next
 * candidates until it has {@code limit} rows or none are left.
 */
public final class OutboxClaims {
  private static final Comparator<OutboxEntry> DUE_ORDER = Comparator.comparing(OutboxEntry::nextAttemptAt)
      .thenComparing(OutboxEntry::createdAt).thenComparing(OutboxEntry::key);

  private final AlertDb db;
  private final OutboxTable outbox;

  public OutboxClaims(AlertDb db, OutboxTable outbox) {
    this.db = db;
    this.outbox = outbox;
  }

  public List<OutboxEntry> claimDue(@Nullable String channelId, Instant now, int limit, String owner, Instant until) {
    if (limit <= 0) {
      return List.of();
    }
    if (db.dialect() == AlertDb.Dialect.POSTGRESQL) {
      return db.transaction(() -> "Failed to claim due outbox rows", c -> {
        List<OutboxEntry> leased = new ArrayList<>();
        for (OutboxEntry row : selectDue(c, channelId, now, limit, " FOR UPDATE SKIP LOCKED")) {
          if (lease(c, row.key(), owner, until, now)) {
            leased.add(row.withLease(owner, until));
          }
        }
        return leased;
      });
    }
    return claimOneByOne(channelId, now, limit, owner, until);
  }

  private List<OutboxEntry> claimOneByOne(@Nullable String channelId, Instant now, int limit, String owner,
      Instant until) {
    List<OutboxEntry> claimed = new ArrayList<>();
    Set<String> tried = new HashSet<>();
    while (claimed.size() < limit) {
      int want = limit - claimed.size() + tried.size();
      List<OutboxEntry> candidates = db.autoCommit(() -> "Failed to read due outbox rows",
          c -> selectDue(c, channelId, now, want, ""));
      List<OutboxEntry> fresh = candidates.stream().filter(r -> !tried.contains(r.key())).toList();
      if (fresh.isEmpty()) {
        break;
      }
      for (OutboxEntry candidate : fresh) {
        if (claimed.size() >= limit) {
          break;
        }
        tried.add(candidate.key());
        claimRow(candidate.key(), now, owner, until).ifPresent(claimed::add);
      }
    }
    claimed.sort(DUE_ORDER);
    return claimed;
  }

  private Optional<OutboxEntry> claimRow(String key, Instant now, String owner, Instant until) {
    try {
      return db.transaction(() -> "Failed to claim outbox row " + key, c -> {
        if (!lease(c, key, owner, until, now)) {
          return Optional.<OutboxEntry>empty();
        }
        return outbox.find(c, key);
      });
    } catch (AlertStoreException e) {
      if (Failures.isWriteConflict(e)) {
        return Optional.empty(); // another claimer updated the row at the same moment: it is theirs
      }
      throw e;
    }
  }

  private List<OutboxEntry> selectDue(Connection c, @Nullable String channelId, Instant now, int limit,
      String lockClause) throws SQLException {
    String sql = "SELECT " + OutboxRows.COLUMNS + " FROM " + outbox.table() + " WHERE status = ?"
        + " AND next_attempt_at <= ? AND " + OutboxTable.UNLEASED + (channelId == null ? "" : " AND channel_id = ?")
        + " ORDER BY next_attempt_at, created_at, " + db.textOrder("outbox_key") + " LIMIT ?" + lockClause;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Args args = Args.of(ps).code(OutboxStatus.PENDING).time(now).time(now);
      if (channelId != null) {
        args.text(channelId);
      }
      args.integer(limit);
      return OutboxTable.readAll(ps);
    }
  }

  /** Leases the row if it is still pending, due and unleased; returns whether it did. */
  private boolean lease(Connection c, String key, String owner, Instant until, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + outbox.table() + " SET lease_owner = ?, lease_until = ?"
        + " WHERE outbox_key = ? AND status = ? AND next_attempt_at <= ? AND " + OutboxTable.UNLEASED)) {
      Args.of(ps).text(owner).time(until).text(key).code(OutboxStatus.PENDING).time(now).time(now);
      return ps.executeUpdate() == 1;
    }
  }
}

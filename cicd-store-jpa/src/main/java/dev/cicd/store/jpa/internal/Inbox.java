package dev.cicd.store.jpa.internal;

import dev.cicd.core.ingest.DeliveryKey;
import dev.cicd.core.store.BuildStoreException;
import dev.cicd.core.store.InboxEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The webhook inbox (table {@code inbox}, schema version 4) in plain JDBC: deliveries acknowledged but not
 * merged yet. An append looks up ({@link PointLookups}: on PostgreSQL one statement per 64 keys), which keys are
 * in the delivery log or in the inbox (both tables of a key in the same statement, so one snapshot: a merge
 * that records a delivery and then removes its entry is seen at one of the two steps, never between), then
 * inserts the others in one batch. Two appenders of one new key both find it absent; the unique key
 * {@code (hook_id, delivery_id)} makes the later insert fail, and that whole call is redone: then it finds the
 * winner's committed row and reports the key as a duplicate.
 */
public final class Inbox {
  /** Attempts of one append that keeps losing races (unique key, deadlock) before it fails. */
  static final int APPEND_ATTEMPTS = 10;
  private static final Comparator<DeliveryEntity.Key> KEY_ORDER =
      Comparator.<DeliveryEntity.Key, String>comparing(k -> k.hookId).thenComparing(k -> k.deliveryId);

  private final StoreDatabase db;
  private final PointLookups<DeliveryKey> known;

  public Inbox(StoreDatabase db) {
    this.db = db;
    String keyMatch = " WHERE hook_id = ? AND delivery_id = ?)";
    this.known = new PointLookups<>(db.kind(), "",
        "FROM (VALUES (0)) one WHERE EXISTS (SELECT 1 FROM " + db.table("delivery")
        + keyMatch + " OR EXISTS (SELECT 1 FROM " + db.table("inbox") + keyMatch,
        new int[] {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR}, (ps, first, key) -> {
          bindKey(ps, first, key);
          bindKey(ps, first + 2, key);
        });
  }

  /** See {@code BuildStore#appendInbox}: the keys appended now, in {@code entries}' order. */
  public Set<DeliveryKey> append(List<InboxEntry> entries) {
    Map<DeliveryKey, InboxEntry> firsts = new LinkedHashMap<>();
    entries.forEach(entry -> firsts.putIfAbsent(Objects.requireNonNull(entry, "entry").key(), entry));
    if (firsts.isEmpty()) {
      return Set.of();
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return db.inTransaction(() -> "Failed to append " + firsts.size() + " webhook deliveries to the inbox",
            c -> appendIn(c, firsts));
      } catch (BuildStoreException e) {
        if (attempt >= APPEND_ATTEMPTS || !(Failures.isUniqueViolation(e) || Failures.isWriteConflict(e))) {
          throw e;
        }
      }
    }
  }

  private Set<DeliveryKey> appendIn(Connection c, Map<DeliveryKey, InboxEntry> firsts) throws SQLException {
    List<DeliveryKey> keys = List.copyOf(firsts.keySet());
    Set<DeliveryKey> present = new HashSet<>();
    known.find(c, keys, (rs, index) -> present.add(keys.get(index)));
    Set<DeliveryKey> appended = new LinkedHashSet<>();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + db.table("inbox")
        + " (provider, hook_id, delivery_id, received_at, headers, body) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (InboxEntry entry : firsts.values()) {
        if (present.contains(entry.key())) {
          continue;
        }
        ps.setString(1, entry.provider());
        bindKey(ps, 2, entry.key());
        ps.setLong(4, Nanos.of(entry.receivedAt()));
        ps.setString(5, entry.headers());
        ps.setBytes(6, entry.body());
        ps.addBatch();
        appended.add(entry.key());
      }
      if (!appended.isEmpty()) {
        ps.executeBatch();
      }
    }
    return Collections.unmodifiableSet(appended);
  }

  /** See {@code BuildStore#readInbox}. */
  public List<InboxEntry> read(long afterId, int max) {
    if (max < 0) {
      throw new IllegalArgumentException("max must not be negative, but was " + max);
    }
    if (max == 0) {
      return List.of();
    }
    return db.withConnection(() -> "Failed to read the inbox after id " + afterId, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT id, provider, hook_id, delivery_id, received_at,"
          + " headers, body FROM " + db.table("inbox") + " WHERE id > ? ORDER BY id FETCH FIRST ? ROWS ONLY")) {
        ps.setLong(1, afterId);
        ps.setInt(2, max);
        List<InboxEntry> entries = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String hookId = rs.getString(3);
            entries.add(new InboxEntry(rs.getLong(1), rs.getString(2),
                new DeliveryKey(hookId.isEmpty() ? null : hookId, rs.getString(4)), Nanos.toInstant(rs.getLong(5)),
                rs.getString(6), rs.getBytes(7)));
          }
        }
        return entries;
      }
    });
  }

  /**
   * See {@code BuildStore#removeFromInbox}: one batched delete in one transaction, in key order, so that two
   * removals of overlapping keys lock their rows in the same order and never deadlock.
   */
  public void remove(Collection<DeliveryKey> keys) {
    Set<DeliveryEntity.Key> ordered = new TreeSet<>(KEY_ORDER);
    keys.forEach(key -> ordered.add(DeliveryLog.id(Objects.requireNonNull(key, "key"))));
    if (ordered.isEmpty()) {
      return;
    }
    db.inTransaction(() -> "Failed to remove " + ordered.size() + " webhook deliveries from the inbox", c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + db.table("inbox")
          + " WHERE hook_id = ? AND delivery_id = ?")) {
        for (DeliveryEntity.Key key : ordered) {
          ps.setString(1, key.hookId);
          ps.setString(2, key.deliveryId);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  /** See {@code BuildStore#inboxSize}. */
  public long size() {
    return db.withConnection(() -> "Failed to count the inbox", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + db.table("inbox"));
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  /** Sets a delivery's key (hook id, '' when none; delivery id) as parameters {@code first} and the next. */
  private static void bindKey(PreparedStatement ps, int first, DeliveryKey key) throws SQLException {
    DeliveryEntity.Key id = DeliveryLog.id(key);
    ps.setString(first, id.hookId);
    ps.setString(first + 1, id.deliveryId);
  }
}

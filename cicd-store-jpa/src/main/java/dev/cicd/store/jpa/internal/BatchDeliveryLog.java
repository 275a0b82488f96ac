package dev.cicd.store.jpa.internal;

import dev.cicd.core.ingest.DeliveryKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The delivery log of a group commit, in plain JDBC on the transaction's connection: which deliveries are
 * recorded (a batch's keys together, {@link PointLookups}) and the records of a batch's
 * deliveries (one batched insert).
 */
final class BatchDeliveryLog {
  private final StoreDatabase db;
  private final PointLookups<DeliveryKey> recorded;

  BatchDeliveryLog(StoreDatabase db) {
    this.db = db;
    this.recorded = new PointLookups<>(db.kind(), "",
        "FROM " + db.table("delivery") + " WHERE hook_id = ? AND delivery_id = ?",
        new int[] {Types.VARCHAR, Types.VARCHAR}, BatchDeliveryLog::bindKey);
  }

  /** The keys among {@code keys} whose delivery is recorded, looked up by primary key ({@link PointLookups}). */
  Set<DeliveryKey> recorded(Connection c, Collection<DeliveryKey> keys) throws SQLException {
    Set<DeliveryKey> found = new HashSet<>();
    List<DeliveryKey> asked = List.copyOf(keys);
    recorded.find(c, asked, (rs, index) -> found.add(asked.get(index)));
    return found;
  }

  /** Records {@code keys} as applied deliveries received at {@code receivedAt}, in one batched insert. */
  void record(Connection c, Collection<DeliveryKey> keys, Instant receivedAt)
      throws SQLException {
    if (keys.isEmpty()) {
      return;
    }
    long received = Nanos.of(receivedAt);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + db.table("delivery")
        + " (hook_id, delivery_id, received_at, outcome) VALUES (?, ?, ?, ?)")) {
      for (DeliveryKey key : keys) {
        bindKey(ps, 1, key);
        ps.setLong(3, received);
        ps.setString(4, DeliveryLog.APPLIED);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Sets a delivery's primary key (hook id, delivery id) as parameters {@code first} and the next. */
  private static void bindKey(PreparedStatement ps, int first, DeliveryKey key) throws SQLException {
    DeliveryEntity.Key id = DeliveryLog.id(key);
    ps.setString(first, id.hookId);
    ps.setString(first + 1, id.deliveryId);
  }
}

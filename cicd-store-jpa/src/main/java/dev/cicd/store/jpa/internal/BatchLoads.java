package dev.cicd.store.jpa.internal;

import dev.cicd.core.ingest.DeliveryKey;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.hibernate.Session;

/**
 * The delivery log and version locks of a group commit, in plain JDBC on the transaction's connection: which
 * deliveries are recorded (point lookups), the records of a batch's deliveries (one batched insert), and the
 * version locks of the builds to update (one JDBC batch instead of a bulk JPQL update per build, whose cache
 * clean-up Hibernate runs at every statement and again after commit).
 */
final class BatchLoads {
  private BatchLoads() {}

  /**
   * The keys among {@code keys} whose delivery is recorded: one primary-key lookup each, on the transaction's
   * connection with one prepared statement. (One {@code IN} query per hook id was tried: PostgreSQL, with
   * statistics of a table that grew since its last analyze, used only the hook id of the key and filtered
   * every delivery of that hook.)
   */
  static Set<DeliveryKey> recorded(EntityManager em, StoreDatabase db, Collection<DeliveryKey> keys) {
    Set<DeliveryKey> recorded = new HashSet<>();
    if (keys.isEmpty()) {
      return recorded;
    }
    em.unwrap(Session.class).doWork(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + db.table("delivery")
          + " WHERE hook_id = ? AND delivery_id = ?")) {
        for (DeliveryKey key : keys) {
          bindKey(ps, key);
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              recorded.add(key);
            }
          }
        }
      }
    });
    return recorded;
  }

  /** Records {@code keys} as applied deliveries received at {@code receivedAt}, in one batched insert. */
  static void record(Connection c, StoreDatabase db, Collection<DeliveryKey> keys, Instant receivedAt)
      throws SQLException {
    if (keys.isEmpty()) {
      return;
    }
    long received = Nanos.of(receivedAt);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + db.table("delivery")
        + " (hook_id, delivery_id, received_at, outcome) VALUES (?, ?, ?, ?)")) {
      for (DeliveryKey key : keys) {
        bindKey(ps, key);
        ps.setLong(3, received);
        ps.setString(4, DeliveryLog.APPLIED);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Sets a delivery's primary key (hook id, delivery id) as parameters 1 and 2. */
  private static void bindKey(PreparedStatement ps, DeliveryKey key) throws SQLException {
    DeliveryEntity.Key id = DeliveryLog.id(key);
    ps.setString(1, id.hookId);
    ps.setString(2, id.deliveryId);
  }
}

package dev.cicd.store.jpa.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Row ids for plain-JDBC inserts, from the same sequences (incremented by {@value #BLOCK}) that Hibernate's
 * pooled generator uses for the entities: a sequence value {@code v} stands for the ids {@code v - 49 .. v},
 * which is how Hibernate reads a value too (its very first block starts at 1), so the two never hand out the
 * same id. Thread-safe; one block per sequence at a time, fetched on the caller's connection.
 */
final class IdBlocks {
  /** The sequences' increment ({@code allocationSize} of the entities). */
  static final int BLOCK = 50;

  private final StoreDatabase db;
  private final Map<String, long[]> blocks = new HashMap<>();

  IdBlocks(StoreDatabase db) {
    this.db = db;
  }

  /** The next id of sequence {@code name} (without prefix). */
  synchronized long next(Connection c, String name) throws SQLException {
    long[] block = blocks.get(name); // {next id, last id of the block}
    if (block == null || block[0] > block[1]) {
      long high = nextValue(c, name);
      block = new long[] {Math.max(1, high - BLOCK + 1), high};
      blocks.put(name, block);
    }
    return block[0]++;
  }

  private long nextValue(Connection c, String name) throws SQLException {
    String sql = db.kind() == StoreDatabase.Kind.POSTGRESQL ? "SELECT nextval('" + db.table(name) + "')"
        : "SELECT NEXT VALUE FOR " + db.table(name);
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}

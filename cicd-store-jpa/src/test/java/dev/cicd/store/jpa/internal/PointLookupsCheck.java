package dev.cicd.store.jpa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What {@link PointLookups} must do on every database: report exactly the rows each key finds, with the key's
 * index (also for a key found twice, a key asked twice and a key found by two rows), never a row for the
 * branches beyond the keys (bound to NULL; a row whose key columns are NULL exists), and prepare one statement per
 * {@link PointLookups#MAX_BRANCHES} keys on PostgreSQL, one single-key statement for all keys on H2.
 */
final class PointLookupsCheck {
  private record Key(String name, long number) {}

  private PointLookupsCheck() {}

  static void check(Connection c, StoreDatabase.Kind kind) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE lookup_item (name VARCHAR(20), number BIGINT, item_value VARCHAR(40))");
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO lookup_item VALUES (?, ?, ?)")) {
      for (int i = 0; i < 200; i++) {
        insert(ps, "r" + i, (long) i, "value " + i);
      }
      insert(ps, "twice", 7L, "first of two");
      insert(ps, "twice", 7L, "second of two");
      insert(ps, null, null, "a row without key");
      ps.executeBatch();
    }
    PointLookups<Key> lookups = new PointLookups<>(kind, "item_value", "FROM lookup_item WHERE name = ? AND number = ?",
        new int[] {Types.VARCHAR, Types.BIGINT}, (ps, first, key) -> {
          ps.setString(first, key.name());
          ps.setLong(first + 1, key.number());
        });
    Random random = new Random(42);
    for (int size : new int[] {0, 1, 2, 3, 5, 8, 63, 64, 65, 130}) {
      List<Key> keys = new ArrayList<>();
      Map<Integer, List<String>> expected = new HashMap<>();
      for (int i = 0; i < size; i++) {
        int pick = random.nextInt(260);
        Key key = pick < 200 ? new Key("r" + pick, pick) : pick < 210 ? new Key("twice", 7) : new Key("r" + pick, pick);
        keys.add(key);
        if (pick < 200) {
          expected.put(i, List.of("value " + pick));
        } else if (pick < 210) {
          expected.put(i, List.of("first of two", "second of two"));
        }
      }
      AtomicInteger statements = new AtomicInteger();
      List<String> texts = new ArrayList<>();
      Map<Integer, List<String>> found = new HashMap<>();
      lookups.find(counting(c, statements, texts), keys,
          (rs, index) -> found.computeIfAbsent(index, k -> new ArrayList<>()).add(rs.getString(2)));
      found.values().forEach(values -> values.sort(null));
      assertThat(found).as("rows found for %d keys", size).isEqualTo(expected);
      int prepared = kind == StoreDatabase.Kind.H2 ? Math.min(size, 1) : (size + 63) / 64;
      assertThat(statements).as("statements prepared for %d keys", size).hasValue(prepared);
      if (kind == StoreDatabase.Kind.H2) {
        assertThat(texts).as("H2 caches a prepared SELECT, never a UNION").noneMatch(sql -> sql.contains("UNION"));
      }
    }
    assertThat(PointLookups.branches(1)).isEqualTo(1);
    assertThat(PointLookups.branches(3)).isEqualTo(4);
    assertThat(PointLookups.branches(64)).isEqualTo(64);
  }

  private static void insert(PreparedStatement ps, String name, Long number, String value) throws SQLException {
    ps.setString(1, name);
    if (number == null) {
      ps.setNull(2, Types.BIGINT);
    } else {
      ps.setLong(2, number);
    }
    ps.setString(3, value);
    ps.addBatch();
  }

  /** {@code c}, counting the statements prepared on it. */
  static Connection counting(Connection c, AtomicInteger prepared) {
    return counting(c, prepared, new ArrayList<>());
  }

  /** {@code c}, counting the statements prepared on it and adding their texts to {@code texts}. */
  static Connection counting(Connection c, AtomicInteger prepared, List<String> texts) {
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          if (method.getName().equals("prepareStatement")) {
            prepared.incrementAndGet();
            texts.add((String) args[0]);
          }
          try {
            return method.invoke(c, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}

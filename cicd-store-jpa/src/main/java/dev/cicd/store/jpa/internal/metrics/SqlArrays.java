package dev.cicd.store.jpa.internal.metrics;

import dev.cicd.store.jpa.internal.StoreDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** A derived table of parallel BIGINT arrays bound as parameters, on H2 and PostgreSQL. */
final class SqlArrays {
  private SqlArrays() {}

  /** {@code UNNEST(?, ?, ...) AS alias(c1, c2, ...)} with the right casts for the database. */
  static String unnest(StoreDatabase.Kind kind, String alias, String... columns) {
    String cast = kind == StoreDatabase.Kind.POSTGRESQL ? "CAST(? AS BIGINT[])" : "CAST(? AS BIGINT ARRAY)";
    StringBuilder out = new StringBuilder("UNNEST(");
    for (int i = 0; i < columns.length; i++) {
      out.append(i == 0 ? "" : ", ").append(cast);
    }
    return out.append(") AS ").append(alias).append('(').append(String.join(", ", columns)).append(')').toString();
  }

  static void bind(Connection c, PreparedStatement ps, int index, long[] values) throws SQLException {
    Long[] boxed = new Long[values.length];
    for (int i = 0; i < values.length; i++) {
      boxed[i] = values[i];
    }
    ps.setArray(index, c.createArrayOf("bigint", boxed));
  }
}

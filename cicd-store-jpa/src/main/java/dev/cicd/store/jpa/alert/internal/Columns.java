package dev.cicd.store.jpa.alert.internal;

import dev.cicd.store.jpa.internal.Nanos;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Reads typed values from a result set, the inverse of {@link Args}. */
final class Columns {
  private Columns() {}

  static String text(ResultSet rs, String column) throws SQLException {
    String value = rs.getString(column);
    if (value == null) {
      throw new SQLException("column " + column + " is unexpectedly NULL");
    }
    return value;
  }

  static @Nullable String optionalText(ResultSet rs, String column) throws SQLException {
    return rs.getString(column);
  }

  static Instant time(ResultSet rs, String column) throws SQLException {
    return Nanos.toInstant(rs.getLong(column));
  }

  static @Nullable Instant optionalTime(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : Nanos.toInstant(value);
  }

  static @Nullable Long optionalNumber(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  static <E extends Enum<E>> E code(ResultSet rs, String column, Class<E> type) throws SQLException {
    String value = text(rs, column);
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SQLException("column " + column + " holds an unknown " + type.getSimpleName() + " '" + value + "'", e);
    }
  }
}

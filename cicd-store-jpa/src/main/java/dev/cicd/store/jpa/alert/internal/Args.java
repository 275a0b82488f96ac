package dev.cicd.store.jpa.alert.internal;

import dev.cicd.core.build.ProviderText;
import dev.cicd.store.jpa.internal.Nanos;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Binds the parameters of a prepared statement in order. Text loses NUL characters and unpaired
 * surrogates (PostgreSQL cannot store them; H2 then keeps the same text); nothing else changes.
 * Instants are nanoseconds since the epoch; enums their lower-case names.
 */
final class Args {
  private final PreparedStatement statement;
  private int index = 1;

  private Args(PreparedStatement statement) {
    this.statement = statement;
  }

  static Args of(PreparedStatement statement) {
    return new Args(statement);
  }

  /** The text as it is stored. */
  static @Nullable String clean(@Nullable String value) {
    return ProviderText.clean(value, Integer.MAX_VALUE);
  }

  static String codeOf(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  Args text(@Nullable String value) throws SQLException {
    if (value == null) {
      statement.setNull(index++, Types.VARCHAR);
    } else {
      statement.setString(index++, clean(value));
    }
    return this;
  }

  Args code(Enum<?> value) throws SQLException {
    statement.setString(index++, codeOf(value));
    return this;
  }

  Args time(@Nullable Instant value) throws SQLException {
    return number(Nanos.ofNullable(value));
  }

  Args number(@Nullable Long value) throws SQLException {
    if (value == null) {
      statement.setNull(index++, Types.BIGINT);
    } else {
      statement.setLong(index++, value);
    }
    return this;
  }

  Args number(long value) throws SQLException {
    statement.setLong(index++, value);
    return this;
  }

  Args integer(int value) throws SQLException {
    statement.setInt(index++, value);
    return this;
  }

  Args bool(boolean value) throws SQLException {
    statement.setBoolean(index++, value);
    return this;
  }
}

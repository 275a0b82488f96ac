package dev.cicd.store.jpa.internal;

import java.sql.Connection;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * Transactions on a plain JDBC connection, for the store's and the alert tables' JDBC code: the work runs with
 * auto-commit off and is committed; any failure rolls it back (a failing rollback is added to the failure as
 * suppressed); the connection's auto-commit, isolation and read-only settings are restored afterwards, so a
 * pooled connection goes back as it came.
 */
public final class JdbcTransactions {
  /** Work on a JDBC connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private JdbcTransactions() {}

  /** A read-write transaction at the connection's own isolation. */
  public static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
    return inTransaction(c, null, false, work);
  }

  /**
   * A transaction at {@code isolation} when not null ({@link Connection#TRANSACTION_REPEATABLE_READ} and so
   * on), read-only when {@code readOnly}.
   */
  public static <T> T inTransaction(Connection c, @Nullable Integer isolation, boolean readOnly, Work<T> work)
      throws SQLException {
    boolean previousAutoCommit = c.getAutoCommit();
    int previousIsolation = isolation == null ? -1 : c.getTransactionIsolation();
    boolean changeIsolation = isolation != null && isolation != previousIsolation;
    if (changeIsolation) {
      c.setTransactionIsolation(isolation);
    }
    if (readOnly) {
      c.setReadOnly(true);
    }
    c.setAutoCommit(false);
    try {
      T result = work.run(c);
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException rollbackFailure) {
        e.addSuppressed(rollbackFailure);
      }
      throw e;
    } finally {
      c.setAutoCommit(previousAutoCommit);
      if (readOnly) {
        c.setReadOnly(false);
      }
      if (changeIsolation) {
        c.setTransactionIsolation(previousIsolation);
      }
    }
  }
}

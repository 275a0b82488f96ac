package dev.cicd.store.jpa.internal;

import dev.cicd.core.store.BuildStoreException;
import dev.cicd.core.store.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/** Classifies database failures by SQL state, whichever layer wrapped them. */
public final class Failures {
  /** Unique constraint violated (H2 and PostgreSQL). */
  private static final String UNIQUE_VIOLATION = "23505";
  /** H2 "concurrent update", PostgreSQL serialization failure and deadlock. */
  private static final Set<String> CONFLICTS = Set.of("90131", "40001", "40P01");
  /** What a HikariCP connection answers once the pool closed it. */
  private static final String POOL_CLOSED = "Connection is closed";

  private Failures() {}

  /** A store failure naming {@code message}: a {@link StoreUnavailableException} when no connection was had. */
  public static BuildStoreException storeFailure(String message, Throwable cause) {
    return isConnectionFailure(cause) ? new StoreUnavailableException(message, cause)
        : new BuildStoreException(message, cause);
  }

  /**
   * The database could not be reached: the pool timed out waiting for a connection, a connection could not
   * be opened or was lost (SQL state class 08), the server is shutting down or refusing connections (57P0x), or
   * HikariCP closed the connection under its user after such a failure (it then answers every call with
   * {@value #POOL_CLOSED}, without a SQL state; seen when the first failure was swallowed on the way, for
   * example while a transaction began).
   */
  public static boolean isConnectionFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() == null && POOL_CLOSED.equals(sql.getMessage())) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  public static boolean isUniqueViolation(Throwable failure) {
    return hasState(failure, Set.of(UNIQUE_VIOLATION));
  }

  public static boolean isWriteConflict(Throwable failure) {
    return hasState(failure, CONFLICTS);
  }

  private static boolean hasState(Throwable failure, Set<String> states) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        for (SQLException s = sql; s != null; s = s.getNextException()) {
          if (s.getSQLState() != null && states.contains(s.getSQLState())) {
            return true;
          }
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}

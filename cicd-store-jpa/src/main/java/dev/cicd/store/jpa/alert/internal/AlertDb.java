package dev.cicd.store.jpa.alert.internal;

import dev.cicd.core.CicdException;
import dev.cicd.core.alert.AlertStoreException;
import dev.cicd.store.jpa.internal.Failures;
import dev.cicd.store.jpa.internal.JdbcTransactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database of the alert tables: connections, transactions, the dialect and the translation of
 * every failure into {@link AlertStoreException}. Our own {@link CicdException}s pass unchanged.
 */
public final class AlertDb {
  /** The supported databases. */
  public enum Dialect { H2, POSTGRESQL }

  private static final Logger LOG = LoggerFactory.getLogger(AlertDb.class);
  private static final int WRITE_ATTEMPTS = 3;
  /** H2's JDBC value of its SNAPSHOT isolation level (org.h2.engine.IsolationLevel.SNAPSHOT). */
  private static final int H2_SNAPSHOT = 6;

  private final DataSource dataSource;
  private final Dialect dialect;
  private final String prefix;

  private AlertDb(DataSource dataSource, Dialect dialect, String prefix) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.prefix = prefix;
  }

  /** Connects once to find out the dialect; {@code prefix} must already be validated. */
  public static AlertDb connect(DataSource dataSource, String prefix) {
    Dialect dialect = withConnection(dataSource, () -> "Failed to connect to the alert store database", c -> {
      String product = c.getMetaData().getDatabaseProductName();
      String lower = product.toLowerCase(Locale.ROOT);
      if (lower.contains("h2")) {
        return Dialect.H2;
      }
      if (lower.contains("postgres")) {
        return Dialect.POSTGRESQL;
      }
      throw new AlertStoreException("JpaAlertStore supports H2 and PostgreSQL, but the data source is " + product);
    });
    return new AlertDb(dataSource, dialect, prefix);
  }

  public Dialect dialect() {
    return dialect;
  }

  public String prefix() {
    return prefix;
  }

  /** The physical name of a table. */
  public String table(String name) {
    return prefix + name;
  }

  /** An ORDER BY term for a text column in Java's {@code String} order, whatever the collation. */
  public String textOrder(String column) {
    return dialect == Dialect.POSTGRESQL ? column + " COLLATE \"C\"" : column;
  }

  /** Runs {@code work} on a connection in auto-commit mode (one statement, or statements that need no atomicity). */
  public <T> T autoCommit(Supplier<String> context, JdbcTransactions.Work<T> work) {
    return withConnection(dataSource, context, work);
  }

  /**
   * Runs {@code work} in one transaction at the connection's isolation (READ COMMITTED unless the pool
   * says otherwise); any failure rolls everything back.
   */
  public <T> T transaction(Supplier<String> context, JdbcTransactions.Work<T> work) {
    return withConnection(dataSource, context, c -> JdbcTransactions.inTransaction(c, work));
  }

  /** {@link #transaction}, retried up to three times when it lost a race (unique key, write conflict). */
  public <T> T transactionRetrying(Supplier<String> context, JdbcTransactions.Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction(context, work);
      } catch (AlertStoreException e) {
        if (attempt >= WRITE_ATTEMPTS || !(Failures.isUniqueViolation(e) || Failures.isWriteConflict(e))) {
          throw e;
        }
        LOG.debug("{} lost a race (attempt {}); retrying", context.get(), attempt);
      }
    }
  }

  /**
   * Runs reads in one transaction that sees a single snapshot of every table: REPEATABLE READ on
   * PostgreSQL; on H2, whose REPEATABLE READ snapshots each table when first read, its SNAPSHOT level.
   */
  public <T> T snapshot(Supplier<String> context, JdbcTransactions.Work<T> work) {
    int isolation = dialect == Dialect.H2 ? H2_SNAPSHOT : Connection.TRANSACTION_REPEATABLE_READ;
    return withConnection(dataSource, context, c -> JdbcTransactions.inTransaction(c, isolation, false, work));
  }

  private static <T> T withConnection(DataSource dataSource, Supplier<String> context,
      JdbcTransactions.Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (CicdException e) {
      throw e;
    } catch (SQLException e) {
      throw new AlertStoreException(context.get() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new AlertStoreException(context.get() + ": " + e, e);
    }
  }
}

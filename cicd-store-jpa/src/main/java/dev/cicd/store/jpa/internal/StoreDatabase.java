package dev.cicd.store.jpa.internal;

import dev.cicd.core.CicdException;
import dev.cicd.core.store.BuildStoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** The database behind a store: its data source, its kind and the table prefix. */
public final class StoreDatabase {
  /** The supported databases. */
  public enum Kind { H2, POSTGRESQL }

  private final DataSource dataSource;
  private final Kind kind;
  private final String prefix;

  public StoreDatabase(DataSource dataSource, Kind kind, String prefix) {
    this.dataSource = dataSource;
    this.kind = kind;
    this.prefix = prefix;
  }

  /** Finds out which database the data source reaches. */
  public static Kind detect(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
      if (product.contains("h2")) {
        return Kind.H2;
      }
      if (product.contains("postgres")) {
        return Kind.POSTGRESQL;
      }
      throw new IllegalArgumentException("cicd-store-jpa supports H2 and PostgreSQL, but the data source is "
          + c.getMetaData().getDatabaseProductName());
    } catch (SQLException e) {
      throw new BuildStoreException("Failed to connect to the build store database", e);
    }
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public Kind kind() {
    return kind;
  }

  public String prefix() {
    return prefix;
  }

  /**
   * An index hint after a table reference: H2's optimizer picks a wrong index for some correlated and
   * array-driven queries; PostgreSQL needs no hint.
   */
  public String useIndex(String index) {
    return kind == Kind.H2 ? " USE INDEX (" + table(index) + ")" : "";
  }

  /**
   * Keeps PostgreSQL from planning parallel workers for the rest of {@code c}'s transaction (H2 has none): for
   * the merge's batched point lookups, whose rows a few index seeks find. Without column statistics (a table
   * never analyzed: autovacuum off, or not yet run) the planner takes 0.5 % of a table for each build's attempts
   * and jobs, and past about 3,000 builds plans a 64-key lookup as a Gather over a Parallel Append: two background
   * workers started for every statement, which cost PostgreSQL about a core under webhook load (ingest benchmark,
   * session 16). {@code SET LOCAL} ends with the transaction; outside one it would do nothing.
   */
  public void planSerially(Connection c) throws SQLException {
    if (kind == Kind.POSTGRESQL) {
      try (Statement s = c.createStatement()) {
        s.execute("SET LOCAL max_parallel_workers_per_gather = 0");
      }
    }
  }

  /** The physical name of a table or sequence. */
  public String table(String name) {
    return prefix + name;
  }

  /**
   * Runs {@code work} on a pooled connection in auto-commit mode. SQL and other runtime failures become
   * {@link BuildStoreException}s naming {@code context}; our own exceptions pass unchanged.
   */
  public <T> T withConnection(Supplier<String> context, JdbcTransactions.Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw Failures.storeFailure(context.get() + ": " + e.getMessage(), e);
    } catch (CicdException e) {
      throw e;
    } catch (RuntimeException e) {
      throw Failures.storeFailure(context.get() + ": " + e, e);
    }
  }

  /**
   * Runs {@code work} in one read-write transaction at the connection's isolation (READ COMMITTED unless the
   * pool says otherwise) and commits; any failure rolls it back.
   */
  public <T> T inTransaction(Supplier<String> context, JdbcTransactions.Work<T> work) {
    return withConnection(context, c -> JdbcTransactions.inTransaction(c, work));
  }

  /** Runs {@code work} in one read-only, repeatable-read transaction: every query sees one snapshot. */
  public <T> T inReadTransaction(Supplier<String> context, JdbcTransactions.Work<T> work) {
    return withConnection(context,
        c -> JdbcTransactions.inTransaction(c, Connection.TRANSACTION_REPEATABLE_READ, true, work));
  }
}

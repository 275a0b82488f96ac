package dev.cicd.store.jpa.internal;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.h2.engine.Constants;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.tx.Transaction;
import org.h2.mvstore.tx.TransactionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes the commits H2 leaves half-done after an unclean shutdown.
 *
 * <p>When a process dies after H2 marked a transaction's undo log committed but before it applied it (with
 * {@code WRITE_DELAY=0} every commit stores a chunk, so a kill during a large commit can land there), H2 2.5
 * reopens the database with that transaction registered as {@code COMMITTED} and never finishes it:
 * {@code TransactionStore.endLeftoverTransactions()} calls {@code Transaction.commit()}, which does nothing for
 * a transaction already in that state (2.4 applied it but left it open). Its rows stay invisible to others and
 * locked for every writer ("Timeout trying to lock table"), at every later start too. This does what H2 means
 * to do: for each such leftover, apply its undo log as committed and end it, through H2's package-private
 * {@code TransactionStore.commit(Transaction, boolean recovery)} and {@code endTransaction}.
 *
 * <p>Only recovered leftovers are touched: they have no owning session (owner 0), while every live session's
 * transaction carries its session id. Remote ({@code tcp:}) connections cannot reach the engine and are
 * skipped. If H2's internals differ (another version), this logs a warning and does nothing.
 */
public final class H2Leftovers {
  private static final Logger LOG = LoggerFactory.getLogger(H2Leftovers.class);

  private H2Leftovers() {}

  /** Finishes the committed leftovers of the embedded H2 database behind {@code dataSource}; returns how many. */
  public static int finishCommitted(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      return finishCommitted(c);
    } catch (SQLException e) {
      LOG.warn("Could not check the H2 database for half-finished commits: {}", e.getMessage());
      return 0;
    }
  }

  /** Same, on an open connection to an embedded H2 database. */
  public static int finishCommitted(Connection connection) throws SQLException {
    if (!connection.isWrapperFor(JdbcConnection.class)
        || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
      return 0;
    }
    TransactionStore transactions = session.getDatabase().getStore().getTransactionStore();
    try {
      Internals h2 = Internals.find();
      int finished = 0;
      for (Transaction t : transactions.getOpenTransactions()) {
        if (t.getStatus() == Transaction.STATUS_COMMITTED && h2.owner(t) == 0) {
          h2.commitRecovered.invoke(transactions, t, true);
          h2.endTransaction.invoke(transactions, t, true);
          finished++;
        }
      }
      if (finished > 0) {
        LOG.warn("H2 reopened {} with {} commit(s) of an unclean shutdown left half-applied (rows locked);"
            + " finished them", session.getDatabase().getShortName(), finished);
      }
      return finished;
    } catch (ReflectiveOperationException | RuntimeException e) {
      Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
      LOG.warn("Could not finish H2's half-applied commits (H2 {}): {}; rows they hold stay locked",
          Constants.FULL_VERSION, String.valueOf(cause));
      return 0;
    }
  }

  /** The package-private members of H2 2.5's transaction store this needs. */
  private record Internals(Method commitRecovered, Method endTransaction, Field ownerId) {
    static Internals find() throws ReflectiveOperationException {
      Method commit = TransactionStore.class.getDeclaredMethod("commit", Transaction.class, boolean.class);
      Method end = TransactionStore.class.getDeclaredMethod("endTransaction", Transaction.class, boolean.class);
      Field owner = Transaction.class.getDeclaredField("ownerId");
      for (var member : List.of(commit, end, owner)) {
        member.setAccessible(true);
      }
      return new Internals(commit, end, owner);
    }

    int owner(Transaction t) throws IllegalAccessException {
      return ownerId.getInt(t);
    }
  }
}

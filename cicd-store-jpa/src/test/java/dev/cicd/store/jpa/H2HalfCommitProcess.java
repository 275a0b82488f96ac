package dev.cicd.store.jpa;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.tx.TransactionStore;

/**
 * Child process of {@link H2LeftoversTest}: inserts a delivery row in an open transaction, takes H2's own first
 * step of a commit (the marker at the end of the transaction's undo log), stores that to the file, prints
 * {@code marked} and waits to be killed, as a process killed inside a commit would leave the file.
 */
public final class H2HalfCommitProcess {
  private H2HalfCommitProcess() {}

  public static void main(String[] args) throws Exception {
    Connection c = DriverManager.getConnection(args[0], "sa", "");
    c.setAutoCommit(false);
    try (PreparedStatement insert = c.prepareStatement(
        "INSERT INTO cicd_delivery (hook_id, delivery_id, received_at, outcome) VALUES ('', ?, 0, 'APPLIED')")) {
      insert.setString(1, args[1]);
      insert.executeUpdate();
    }
    SessionLocal session = (SessionLocal) c.unwrap(JdbcConnection.class).getSession();
    TransactionStore transactions = session.getDatabase().getStore().getTransactionStore();
    Method mark = TransactionStore.class.getDeclaredMethod("markUndoLogAsCommitted", int.class, long.class);
    mark.setAccessible(true);
    mark.invoke(transactions, session.getTransaction().getId(), 1L);
    session.getDatabase().getStore().getMvStore().commit();
    System.out.println("marked");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}

package dev.cicd.benchmarks;

import dev.cicd.store.jpa.internal.H2Leftovers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.tx.Transaction;
import org.h2.mvstore.tx.TransactionStore;

/**
 * How often does a kill leave H2 with a commit marked but not applied, and does H2 finish it on reopening? Plain
 * JDBC: child JVMs run 4 threads that each insert BATCH rows per transaction ({@code WRITE_DELAY=0}, as the
 * store's URL); the parent kills each child after 1.5–3 s, reads the file's leftover transactions before H2 opens
 * it ({@code before}), opens it and lists the transactions H2 left open ({@code after}; status 3 = committed).
 * At the end it finishes them as the store does ({@link H2Leftovers}) and compares a table scan with the primary
 * key index before and after (after reopening: H2 reuses a query's last result while no statement changed the
 * table, and finishing a commit is not a statement).
 *
 * <pre>java -cp "$CP" dev.cicd.benchmarks.H2LeftoverProbe DIR ROUNDS BATCH</pre>
 */
public final class H2LeftoverProbe {
  private H2LeftoverProbe() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("--child")) {
      child(args[1], Integer.parseInt(args[2]));
      return;
    }
    Path dir = Path.of(args[0]).toAbsolutePath();
    int rounds = Integer.parseInt(args[1]);
    String url = "jdbc:h2:file:" + dir.resolve("probe") + ";WRITE_DELAY=0;REUSE_SPACE=FALSE";
    Random random = new Random();
    int markedOnDisk = 0;
    int leftOpen = 0;
    Files.createDirectories(dir);
    for (int round = 1; round <= rounds; round++) {
      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
          System.getProperty("java.class.path"), H2LeftoverProbe.class.getName(), "--child", url, args[2])
          .redirectOutput(dir.resolve("child.txt").toFile()).redirectErrorStream(true).start();
      Thread.sleep(1_500 + random.nextInt(1_500));
      child.destroyForcibly().waitFor();
      String before = beforeOpening(dir.resolve("probe.mv.db"));
      String after;
      try (Connection c = DriverManager.getConnection(url, "sa", "")) {
        after = describe(transactions(c).getOpenTransactions());
      }
      markedOnDisk += before.contains(":3") ? 1 : 0;
      leftOpen += after.contains(":3") ? 1 : 0;
      System.out.printf("kill %d: leftovers in the file [%s], left open by H2 [%s]%n", round, before, after);
    }
    System.out.printf("H2 %s: %d kills, %d left a committed leftover in the file, %d reopened with one still open%n",
        org.h2.engine.Constants.FULL_VERSION, rounds, markedOnDisk, leftOpen);
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      System.out.println("before finishing: " + counts(c));
      System.out.println("finished " + H2Leftovers.finishCommitted(c));
    }
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      System.out.println("reopened: " + counts(c) + ", left open [" + describe(transactions(c).getOpenTransactions())
          + "]");
    }
  }

  /** The file's transactions as H2 registers them on opening, read without opening the database. */
  private static String beforeOpening(Path file) {
    MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
    try {
      TransactionStore transactions = new TransactionStore(store);
      transactions.init();
      return describe(transactions.getOpenTransactions());
    } finally {
      store.close();
    }
  }

  private static String describe(List<Transaction> transactions) {
    return transactions.stream().map(t -> t.getId() + ":" + t.getStatus()).collect(Collectors.joining(" "));
  }

  private static TransactionStore transactions(Connection c) throws SQLException {
    return ((SessionLocal) c.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore()
        .getTransactionStore();
  }

  private static String counts(Connection c) throws SQLException {
    return "table scan " + count(c, "SELECT count(pad) FROM probe") + " rows, primary key index "
        + count(c, "SELECT count(*) FROM probe WHERE id > ''") + ", H2's row count "
        + count(c, "SELECT count(*) FROM probe");
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void child(String url, int batch) throws Exception {
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      c.createStatement().execute("CREATE TABLE IF NOT EXISTS probe (id VARCHAR(100) PRIMARY KEY, pad VARCHAR(400))");
    }
    String prefix = Long.toString(System.nanoTime(), 36);
    AtomicLong next = new AtomicLong();
    for (int i = 0; i < 4; i++) {
      new Thread(() -> insertForever(url, prefix, next, batch), "probe-" + i).start();
    }
    Thread.sleep(Long.MAX_VALUE);
  }

  private static void insertForever(String url, String prefix, AtomicLong next, int batch) {
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        PreparedStatement insert = c.prepareStatement("INSERT INTO probe VALUES (?, ?)")) {
      c.setAutoCommit(false);
      String pad = "x".repeat(300);
      while (true) {
        for (int k = 0; k < batch; k++) {
          insert.setString(1, prefix + "-" + next.getAndIncrement());
          insert.setString(2, pad);
          insert.addBatch();
        }
        insert.executeBatch();
        c.commit();
      }
    } catch (SQLException e) {
      System.out.println("ERROR " + e);
    }
  }
}

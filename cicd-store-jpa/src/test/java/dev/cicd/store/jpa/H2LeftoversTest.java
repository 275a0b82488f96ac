package dev.cicd.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.ingest.DeliveryKey;
import dev.cicd.store.jpa.internal.H2Leftovers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.tx.Transaction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed inside an H2 commit, after H2 marked the commit in its undo log and stored that, before it
 * applied it: H2 2.5 reopens with the transaction's rows locked and invisible for good; the store finishes the
 * commit when it opens. The state is made exactly, by {@link H2HalfCommitProcess}, killed with SIGKILL.
 */
class H2LeftoversTest {
  @TempDir
  Path dir;

  @Test
  @DisplayName("a commit H2 marked but did not apply before a kill is finished when the store opens")
  void halfAppliedCommitIsFinishedWhenTheStoreOpens() throws Exception {
    JpaBuildStore.h2(dir).close();
    String url = JpaStoreConfig.h2Url(dir);
    killInsideCommit(url, "half-applied");

    // H2 alone leaves the transaction open and its delivery invisible, at every start (H2 2.5.252). If this fails
    // after an H2 upgrade, H2 finishes such commits itself now, and H2Leftovers can go.
    for (int start = 0; start < 2; start++) {
      try (Connection c = DriverManager.getConnection(url, "sa", "")) {
        assertThat(committedLeftovers(c)).as("start %d", start).isEqualTo(1);
        assertThat(deliveries(c, "half-applied")).isZero();
      }
    }

    try (JpaBuildStore store = JpaBuildStore.h2(dir)) {
      assertThat(store.hasDelivery(DeliveryKey.of("half-applied"))).isTrue();
      assertThat(store.recordDelivery(DeliveryKey.of("half-applied"), Instant.now())).isFalse();
      assertThat(store.recordDelivery(DeliveryKey.of("after"), Instant.now())).isTrue();
    }
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      assertThat(committedLeftovers(c)).isZero();
      assertThat(deliveries(c, "half-applied")).isEqualTo(1);
      assertThat(deliveries(c, "after")).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("a live session's transaction in the middle of its commit is left to its session")
  void liveTransactionsAreLeftAlone() throws Exception {
    JpaBuildStore.h2(dir).close();
    String url = JpaStoreConfig.h2Url(dir);
    try (Connection live = DriverManager.getConnection(url, "sa", "");
        Connection other = DriverManager.getConnection(url, "sa", "")) {
      live.setAutoCommit(false);
      insertDelivery(live, "in-flight");
      // the state of a transaction whose own thread is committing it right now
      Method setStatus = Transaction.class.getDeclaredMethod("setStatus", int.class);
      setStatus.setAccessible(true);
      setStatus.invoke(session(live).getTransaction(), Transaction.STATUS_COMMITTED);

      assertThat(committedLeftovers(other)).isEqualTo(1);
      assertThat(H2Leftovers.finishCommitted(other)).isZero();
      assertThat(deliveries(other, "in-flight")).isZero();
      shutDownImmediately(url);
    } catch (SQLException closedUnderUs) {
      // closing the connections of a database shut down immediately
    }
  }

  /** Runs {@link H2HalfCommitProcess} and kills it (SIGKILL) once it stored its half-done commit. */
  private void killInsideCommit(String url, String deliveryId) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        H2HalfCommitProcess.class.getName(), url, deliveryId)
        .redirectError(dir.resolve("child.err").toFile())
        .start();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).as("the child's report (stderr in %s)", dir.resolve("child.err")).isEqualTo("marked");
    } finally {
      process.destroyForcibly();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  /** Closes the database's file without writing anything more. */
  private static void shutDownImmediately(String url) {
    try (Connection killer = DriverManager.getConnection(url, "sa", "")) {
      killer.createStatement().execute("SHUTDOWN IMMEDIATELY");
    } catch (SQLException expected) {
      // the database closes under the statement
    }
  }

  private static long committedLeftovers(Connection c) throws SQLException {
    return session(c).getDatabase().getStore().getTransactionStore().getOpenTransactions().stream()
        .filter(t -> t.getStatus() == Transaction.STATUS_COMMITTED)
        .count();
  }

  private static SessionLocal session(Connection c) throws SQLException {
    return (SessionLocal) c.unwrap(JdbcConnection.class).getSession();
  }

  private static void insertDelivery(Connection c, String deliveryId) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(
        "INSERT INTO cicd_delivery (hook_id, delivery_id, received_at, outcome) VALUES ('', ?, 0, 'APPLIED')")) {
      insert.setString(1, deliveryId);
      insert.executeUpdate();
    }
  }

  private static int deliveries(Connection c, String deliveryId) throws SQLException {
    try (PreparedStatement count = c.prepareStatement(
        "SELECT count(*) FROM cicd_delivery WHERE hook_id = '' AND delivery_id = ?")) {
      count.setString(1, deliveryId);
      try (var rs = count.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}

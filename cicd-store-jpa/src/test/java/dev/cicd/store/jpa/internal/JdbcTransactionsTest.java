package dev.cicd.store.jpa.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcTransactionsTest {
  private final String url = "jdbc:h2:mem:tx-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  private Connection keeper;

  @BeforeEach
  void createTable() throws SQLException {
    keeper = DriverManager.getConnection(url, "sa", "");
    try (Statement s = keeper.createStatement()) {
      s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
    }
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    try (Statement s = keeper.createStatement()) {
      s.execute("SHUTDOWN");
    }
  }

  @Test
  void commitsTheWorkAndGivesTheConnectionBackAsItCame() throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      int result = JdbcTransactions.inTransaction(c, tx -> {
        assertThat(tx.getAutoCommit()).isFalse();
        insert(tx, 1);
        insert(tx, 2);
        assertThat(rows(keeper)).as("seen from another connection before the commit").isZero();
        return 7;
      });
      assertThat(result).isEqualTo(7);
      assertThat(c.getAutoCommit()).isTrue();
    }
    assertThat(rows(keeper)).isEqualTo(2);
  }

  @Test
  void aFailureRollsEverythingBackAndIsThrownAsItWas() throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      IllegalStateException failure = new IllegalStateException("boom");
      assertThatThrownBy(() -> JdbcTransactions.inTransaction(c, tx -> {
        insert(tx, 1);
        throw failure;
      })).isSameAs(failure);
      assertThatThrownBy(() -> JdbcTransactions.inTransaction(c, tx -> {
        insert(tx, 2);
        insert(tx, 2);
        return null;
      })).isInstanceOf(SQLException.class);
      assertThat(c.getAutoCommit()).isTrue();
    }
    assertThat(rows(keeper)).isZero();
  }

  @Test
  void aFailingRollbackIsKeptWithTheFailure() throws SQLException {
    try (Connection real = DriverManager.getConnection(url, "sa", "")) {
      Connection c = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
          (proxy, method, args) -> {
            if (method.getName().equals("rollback")) {
              throw new SQLException("connection lost");
            }
            try {
              return method.invoke(real, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
      IllegalStateException failure = new IllegalStateException("boom");
      assertThatThrownBy(() -> JdbcTransactions.inTransaction(c, tx -> {
        throw failure;
      })).isSameAs(failure);
      assertThat(failure.getSuppressed()).singleElement().extracting(Throwable::getMessage)
          .isEqualTo("connection lost");
      assertThat(real.getAutoCommit()).isTrue();
    }
  }

  @Test
  void theIsolationHoldsForTheWorkAndIsRestored() throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      int before = c.getTransactionIsolation();
      assertThat(before).isNotEqualTo(Connection.TRANSACTION_SERIALIZABLE);
      JdbcTransactions.inTransaction(c, Connection.TRANSACTION_SERIALIZABLE, false, tx -> {
        assertThat(tx.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
        return rows(tx);
      });
      assertThat(c.getTransactionIsolation()).isEqualTo(before);
      assertThat(c.getAutoCommit()).isTrue();
    }
  }

  private static void insert(Connection c, int id) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO t VALUES (" + id + ")");
    }
  }

  private static int rows(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}

package dev.cicd.store.jpa.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cicd.store.jpa.PostgresExtension;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** H2 takes read-only as a hint only; PostgreSQL refuses writes in a read-only transaction. */
class JdbcTransactionsPostgresTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  @Test
  void aReadOnlyTransactionRefusesWritesAndTheConnectionWritesAgainAfterIt() throws SQLException {
    try (Connection c = PG.dataSource(1).getConnection()) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
      }
      int isolation = c.getTransactionIsolation();
      assertThatThrownBy(() -> JdbcTransactions.inTransaction(c, Connection.TRANSACTION_REPEATABLE_READ, true,
          tx -> {
            assertThat(tx.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
            return insert(tx, 1);
          })).isInstanceOf(SQLException.class).hasMessageContaining("read-only transaction");
      assertThat(c.isReadOnly()).isFalse();
      assertThat(c.getTransactionIsolation()).isEqualTo(isolation);
      assertThat(c.getAutoCommit()).isTrue();
      int inserted = JdbcTransactions.inTransaction(c, tx -> insert(tx, 2));
      assertThat(inserted).isEqualTo(1);
    }
  }

  private static int insert(Connection c, int id) throws SQLException {
    try (Statement s = c.createStatement()) {
      return s.executeUpdate("INSERT INTO t VALUES (" + id + ")");
    }
  }
}

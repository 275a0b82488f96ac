package dev.cicd.store.jpa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.store.StoreUnavailableException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FailuresTest {
  @Test
  @DisplayName("no connection (pool timeout, SQL state 08xxx or 57P0x, however wrapped) is StoreUnavailableException")
  void connectionFailuresAreUnavailable() {
    assertThat(Failures.storeFailure("save", new IllegalStateException(
        new SQLTransientConnectionException("pool - Connection is not available, request timed out after 5000ms"))))
        .isInstanceOf(StoreUnavailableException.class).hasMessage("save");
    assertThat(Failures.storeFailure("find", new RuntimeException(new SQLException("I/O error", "08006"))))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(Failures.storeFailure("find", new SQLException("the database system is shutting down", "57P03")))
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  @DisplayName("a connection HikariCP closed (after a lost connection) is StoreUnavailableException")
  void poolClosedConnectionIsUnavailable() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:failures");
    config.setMaximumPoolSize(1);
    SQLException closed = null;
    try (HikariDataSource pool = new HikariDataSource(config)) {
      Connection c = pool.getConnection();
      c.close(); // the pool now answers every call on this proxy as it does after evicting a broken connection
      try {
        c.prepareStatement("SELECT 1");
      } catch (SQLException e) {
        closed = e;
      }
    }
    assertThat((Throwable) closed).hasMessage("Connection is closed");
    assertThat(Failures.storeFailure("record", new IllegalStateException("Could not prepare statement", closed)))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(Failures.storeFailure("record", new SQLException("Connection is closing soon")))
        .isNotInstanceOf(StoreUnavailableException.class);
  }

  @Test
  @DisplayName("a failure with a connection (constraint, bad value) stays a plain BuildStoreException")
  void otherFailuresAreNot() {
    assertThat(Failures.storeFailure("save", new RuntimeException(new SQLException("duplicate key", "23505"))))
        .isNotInstanceOf(StoreUnavailableException.class).hasMessage("save");
    assertThat(Failures.storeFailure("save", new SQLException("value too long", "22001")))
        .isNotInstanceOf(StoreUnavailableException.class);
    assertThat(Failures.storeFailure("save", new IllegalStateException("no cause")))
        .isNotInstanceOf(StoreUnavailableException.class);
  }
}

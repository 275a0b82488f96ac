package dev.cicd.store.jpa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.store.StoreUnavailableException;
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

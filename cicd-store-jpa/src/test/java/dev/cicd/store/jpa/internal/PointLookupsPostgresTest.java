package dev.cicd.store.jpa.internal;

import dev.cicd.store.jpa.PostgresExtension;
import java.sql.Connection;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PointLookupsPostgresTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  @Test
  @DisplayName("PostgreSQL: every key's rows with its index, nothing for the padding, one statement per 64 keys")
  void postgres() throws Exception {
    try (Connection c = PG.dataSource(1).getConnection()) {
      PointLookupsCheck.check(c, StoreDatabase.Kind.POSTGRESQL);
    }
  }
}

package dev.cicd.store.jpa.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PointLookupsTest {
  @Test
  @DisplayName("H2: every key's rows with its index, one single-key statement (which H2 caches) for all keys")
  void h2() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:lookups;DB_CLOSE_DELAY=0", "sa", "")) {
      PointLookupsCheck.check(c, StoreDatabase.Kind.H2);
    }
  }
}

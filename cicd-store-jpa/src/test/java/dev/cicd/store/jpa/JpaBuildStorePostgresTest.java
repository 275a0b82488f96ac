package dev.cicd.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JpaBuildStorePostgresTest extends StoreBehaviour {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  @Override
  protected JpaBuildStore newStore() {
    return PG.newStore();
  }

  @Test
  @DisplayName("ingestion writes two batches at once on PostgreSQL; its health says whether autovacuum runs")
  void twoConcurrentBatches() throws Exception {
    assertThat(store.concurrentBatches()).isEqualTo(2);
    String autovacuum;
    try (Connection c = PostgresExtension.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT setting FROM pg_settings WHERE name = 'autovacuum'")) {
      rs.next();
      autovacuum = rs.getString(1);
    }
    assertThat(store.healthDetails()).containsExactly(entry("autovacuum", autovacuum.equals("on")));
  }
}

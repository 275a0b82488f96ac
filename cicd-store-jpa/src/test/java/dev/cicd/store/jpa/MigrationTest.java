package dev.cicd.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cicd.core.ingest.DeliveryKey;
import dev.cicd.core.store.BuildStoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema belongs to Flyway: migrated at start, validated by Hibernate, never silently half-applied. */
class MigrationTest {
  @TempDir
  Path dir;

  @Test
  @DisplayName("an empty database is migrated at start; reopening keeps the data and applies nothing again")
  void migratesOnceAndReopens() throws Exception {
    try (JpaBuildStore store = JpaBuildStore.h2(dir)) {
      assertThat(store.recordDelivery(DeliveryKey.of("kept"), Instant.now())).isTrue();
      assertThat(history(store)).isEqualTo("1:true,2:true,3:true,4:true");
    }
    try (JpaBuildStore store = JpaBuildStore.h2(dir)) {
      assertThat(store.hasDelivery(DeliveryKey.of("kept"))).isTrue();
      assertThat(history(store)).isEqualTo("1:true,2:true,3:true,4:true");
    }
  }

  @Test
  @DisplayName("a database with a failed migration is refused with a clear BuildStoreException")
  void failedMigrationRefused() throws Exception {
    try (JpaBuildStore store = JpaBuildStore.h2(dir); Connection c = store.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("UPDATE \"cicd_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '2'");
    }
    assertThatThrownBy(() -> JpaBuildStore.h2(dir)).isInstanceOf(BuildStoreException.class)
        .hasMessageContaining("schema");
  }

  @Test
  @DisplayName("migrate(false) validates an existing schema and refuses an empty database")
  void validateOnly() {
    JpaStoreConfig config = JpaStoreConfig.builder().h2(dir).migrate(false).build();
    assertThatThrownBy(() -> JpaBuildStore.create(config)).isInstanceOf(BuildStoreException.class);
    JpaBuildStore.h2(dir).close();
    try (JpaBuildStore store = JpaBuildStore.create(config)) {
      assertThat(store.count()).isZero();
    }
  }

  private static String history(JpaBuildStore store) throws Exception {
    try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT \"version\", \"success\" FROM \"cicd_schema_history\""
            + " WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
      StringBuilder out = new StringBuilder();
      while (rs.next()) {
        out.append(out.length() == 0 ? "" : ",").append(rs.getString(1)).append(':').append(rs.getBoolean(2));
      }
      return out.toString();
    }
  }
}

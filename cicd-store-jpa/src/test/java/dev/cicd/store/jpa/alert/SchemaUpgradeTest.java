package dev.cicd.store.jpa.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.cicd.core.alert.AlertConfig;
import dev.cicd.core.alert.AlertStoreException;
import dev.cicd.store.jpa.internal.StoreBootstrap;
import java.time.Duration;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A database created before the alert tables existed (schema version 1) gets them from the build store. */
class SchemaUpgradeTest {

  @Test
  @DisplayName("a version-1 database lacks the alert tables until the build store opens and applies V2")
  void upgradesVersionOne() throws Exception {
    try (H2Database db = new H2Database()) {
      try (HikariDataSource pool = StoreBootstrap.h2Pool(db.directory(), 2, Duration.ofSeconds(5))) {
        Flyway.configure().dataSource(pool).locations(StoreBootstrap.MIGRATIONS).table("cicd_schema_history")
            .placeholders(Map.of("prefix", "cicd_")).target("1").load().migrate();
        assertThatThrownBy(() -> JpaAlertStore.create(pool)).isInstanceOf(AlertStoreException.class)
            .hasMessageContaining("cicd_alert_config");
      }
      JpaAlertStore alerts = db.open().alerts();
      alerts.saveConfig(AlertConfig.defaults());
      assertThat(alerts.loadConfig()).contains(AlertConfig.defaults());
    }
  }
}

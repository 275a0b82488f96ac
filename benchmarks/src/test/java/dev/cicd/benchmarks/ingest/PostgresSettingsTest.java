package dev.cicd.benchmarks.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cicd.benchmarks.faults.RequiresPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code --pg-settings}: applied for the run, reset afterwards, and nothing but name=value pairs reach SQL. */
class PostgresSettingsTest {
  @Test
  void refusesAnythingButNameValuePairs() {
    assertThat(PostgresSettings.parse(" max_wal_size=8GB, wal_compression=lz4 ,"))
        .containsExactly(java.util.Map.entry("max_wal_size", "8GB"), java.util.Map.entry("wal_compression", "lz4"));
    assertThat(PostgresSettings.parse("")).isEmpty();
    assertThatThrownBy(() -> PostgresSettings.parse("max_wal_size='8GB'; DROP TABLE x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name=value");
    assertThatThrownBy(() -> PostgresSettings.parse("max_wal_size"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'max_wal_size'");
  }

  @Test
  @ExtendWith(RequiresPostgres.class)
  void appliesForTheRunAndResetsAfterwards() throws Exception {
    String before = show("log_autovacuum_min_duration");
    String wanted = "-1".equals(before) ? "250ms" : "-1";
    try (PostgresSettings settings = PostgresSettings.apply("log_autovacuum_min_duration=" + wanted)) {
      assertThat(show("log_autovacuum_min_duration")).isEqualTo(wanted);
      assertThat(settings.describe()).isEqualTo("log_autovacuum_min_duration=" + wanted);
    }
    try (Connection c = Database.adminConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_file_settings"
            + " WHERE name = 'log_autovacuum_min_duration' AND sourcefile LIKE '%postgresql.auto.conf'")) {
      rs.next();
      assertThat(rs.getInt(1)).as("left in postgresql.auto.conf").isZero();
    }
  }

  @Test
  @ExtendWith(RequiresPostgres.class)
  void refusesASettingThatNeedsARestart() {
    assertThatThrownBy(() -> PostgresSettings.apply("shared_buffers=256MB"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shared_buffers");
  }

  private static String show(String name) throws SQLException {
    try (Connection c = Database.adminConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }
}

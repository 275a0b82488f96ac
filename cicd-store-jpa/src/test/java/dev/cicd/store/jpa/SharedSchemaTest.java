package dev.cicd.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.ingest.IngestionService;
import dev.cicd.core.ingest.RunUpdate;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The store on the DataSource of an application that already has tables of its own. */
class SharedSchemaTest {
  @Test
  @DisplayName("a schema that already holds the application's tables gets the store's tables next to them")
  void migratesNextToApplicationTables() throws Exception {
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl("jdbc:h2:mem:shared-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    try (HikariDataSource dataSource = new HikariDataSource(pool)) {
      try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY)");
        s.execute("INSERT INTO orders VALUES (7)");
      }
      try (JpaBuildStore store = JpaBuildStore.create(JpaStoreConfig.builder().dataSource(dataSource).build())) {
        IngestionService.create(store).ingest(RunUpdate.builder(BuildId.github("octo-org/api", 1))
            .workflowName("CI").status(BuildStatus.QUEUED).createdAt(Instant.parse("2026-03-02T10:00:00Z")).build());
        assertThat(store.count()).isEqualTo(1);
      }
      try (JpaBuildStore reopened = JpaBuildStore.create(JpaStoreConfig.builder().dataSource(dataSource).build())) {
        assertThat(reopened.count()).as("a second start finds the history table and migrates nothing").isEqualTo(1);
      }
      try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
          ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM orders")) {
        rows.next();
        assertThat(rows.getLong(1)).as("the application's table is untouched").isEqualTo(1);
      }
    }
  }
}

package dev.cicd.store.jpa;

import java.nio.file.Path;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepsMigrationH2Test {
  @TempDir
  Path dir;

  @Test
  @DisplayName("H2: opening a version-2 database moves every job's step rows into its row, in position order")
  void stepRowsMoveIntoTheirJobs() throws Exception {
    JdbcDataSource data = new JdbcDataSource();
    data.setURL(JpaStoreConfig.h2Url(dir));
    data.setUser("sa");
    StepsMigration.check(data, () -> JpaBuildStore.h2(dir));
  }
}

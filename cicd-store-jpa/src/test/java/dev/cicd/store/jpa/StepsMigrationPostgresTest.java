package dev.cicd.store.jpa;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StepsMigrationPostgresTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  @Test
  @DisplayName("PostgreSQL: opening a version-2 database moves every job's step rows into its row, in position order")
  void stepRowsMoveIntoTheirJobs() throws Exception {
    StepsMigration.check(PG.dataSource(2), PG::newStore);
  }
}

package dev.cicd.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

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
  @DisplayName("ingestion writes two batches at once on PostgreSQL")
  void twoConcurrentBatches() {
    assertThat(store.concurrentBatches()).isEqualTo(2);
  }
}

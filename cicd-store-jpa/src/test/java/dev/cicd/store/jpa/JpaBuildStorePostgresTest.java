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
  @DisplayName("ingestion writes two batches at once on PostgreSQL, and its health has no H2 file figures")
  void twoConcurrentBatches() {
    assertThat(store.concurrentBatches()).isEqualTo(2);
    assertThat(store.healthDetails()).isEmpty();
  }
}

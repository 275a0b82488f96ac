package dev.cicd.store.jpa;

import org.junit.jupiter.api.extension.RegisterExtension;

class JpaBuildStorePostgresTest extends StoreBehaviour {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  @Override
  protected JpaBuildStore newStore() {
    return PG.newStore();
  }
}

package dev.cicd.store.jpa;

import dev.cicd.core.store.BuildStore;
import dev.cicd.core.store.BuildStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JpaBuildStorePostgresContractTest extends BuildStoreContract {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  @Override
  protected BuildStore newStore() {
    return PG.newStore();
  }

  @Override
  protected void dispose(BuildStore store) {
    ((JpaBuildStore) store).close();
  }
}

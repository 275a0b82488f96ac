package dev.cicd.store.jpa.alert;

import dev.cicd.core.alert.AlertStore;
import dev.cicd.core.alert.AlertStoreContract;
import dev.cicd.store.jpa.PostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

class JpaAlertStorePostgresContractTest extends AlertStoreContract {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  @Override
  protected AlertStore newStore() {
    return JpaAlertStore.sharing(PG.newStore());
  }
}

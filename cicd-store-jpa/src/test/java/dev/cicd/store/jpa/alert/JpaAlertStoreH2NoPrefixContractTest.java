package dev.cicd.store.jpa.alert;

import dev.cicd.core.alert.AlertStore;
import dev.cicd.core.alert.AlertStoreContract;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;

/** The contract with the table prefix variant "" (tables named plainly: alert_outbox, ...). */
class JpaAlertStoreH2NoPrefixContractTest extends AlertStoreContract {
  private H2Database database;

  @Override
  protected AlertStore newStore() {
    database = new H2Database("").open();
    return database.alerts();
  }

  @AfterEach
  void closeDatabase() throws IOException {
    database.close();
  }
}

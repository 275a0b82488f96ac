package dev.cicd.store.jpa.alert;

import dev.cicd.core.alert.AlertStore;
import dev.cicd.core.alert.AlertStoreContract;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;

class JpaAlertStoreH2ContractTest extends AlertStoreContract {
  private H2Database database;

  @Override
  protected AlertStore newStore() {
    database = new H2Database().open();
    return database.alerts();
  }

  @AfterEach
  void closeDatabase() throws IOException {
    database.close();
  }
}

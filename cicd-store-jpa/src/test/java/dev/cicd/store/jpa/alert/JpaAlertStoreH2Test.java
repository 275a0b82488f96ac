package dev.cicd.store.jpa.alert;

import java.io.IOException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;

class JpaAlertStoreH2Test extends AlertStoreBehaviour {
  private H2Database database;

  @Override
  JpaAlertStore newStore() {
    database = new H2Database().open();
    return database.alerts();
  }

  @Override
  DataSource dataSource() {
    return database.builds().dataSource();
  }

  @Override
  void closeBuildStore() {
    database.builds().close();
  }

  @AfterEach
  void closeDatabase() throws IOException {
    database.close();
  }
}

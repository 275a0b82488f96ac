package dev.cicd.store.jpa.alert;

import dev.cicd.store.jpa.JpaBuildStore;
import dev.cicd.store.jpa.PostgresExtension;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

class JpaAlertStorePostgresTest extends AlertStoreBehaviour {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  private JpaBuildStore builds;

  @Override
  JpaAlertStore newStore() {
    builds = PG.newStore();
    return JpaAlertStore.sharing(builds);
  }

  @Override
  DataSource dataSource() {
    return builds.dataSource();
  }

  @Override
  void closeBuildStore() {
    builds.close();
  }
}

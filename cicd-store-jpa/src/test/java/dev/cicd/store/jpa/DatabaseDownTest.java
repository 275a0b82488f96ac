package dev.cicd.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.cicd.core.build.BuildId;
import dev.cicd.core.ingest.DeliveryKey;
import dev.cicd.core.metrics.MetricsQuery;
import dev.cicd.core.store.BuildQuery;
import dev.cicd.core.store.BatchPlan;
import dev.cicd.core.store.BuildStoreException;
import dev.cicd.core.store.StoreUnavailableException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/**
 * D1: a database that is down surfaces as BuildStoreException within the connection timeout; once the store
 * is open, as a StoreUnavailableException (ingestion then fails deliveries fast until the store answers).
 */
class DatabaseDownTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  @Test
  @DisplayName("a store cannot be opened on a database that does not answer: BuildStoreException")
  void openFailsFast() {
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(() -> JpaBuildStore.create(
        JpaStoreConfig.builder().jdbcUrl("jdbc:postgresql://127.0.0.1:1/test").username("postgres")
            .connectionTimeout(Duration.ofSeconds(2)).build()))
        .isInstanceOf(BuildStoreException.class)
        .hasMessageContaining("127.0.0.1:1"));
  }

  @Test
  @DisplayName("every operation of an open store fails with StoreUnavailableException when the database goes away")
  void operationsFailWhenDatabaseGoesAway() throws Exception {
    URI pg = URI.create(PostgresExtension.URL.substring("jdbc:".length()));
    try (TcpProxy proxy = new TcpProxy(pg.getHost(), pg.getPort() < 0 ? 5432 : pg.getPort())) {
      String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + pg.getPath() + "?currentSchema=" + PG.schema();
      JpaBuildStore store = PG.register(JpaBuildStore.create(JpaStoreConfig.builder().jdbcUrl(url)
          .username(PostgresExtension.USER).password(PostgresExtension.PASSWORD)
          .connectionTimeout(Duration.ofSeconds(2)).build()));
      assertThat(store.recordDelivery(DeliveryKey.of("before"), Instant.now())).isTrue();
      proxy.close();
      for (Executable operation : new Executable[] {
          () -> store.find(BuildId.github("octo/api", 1)),
          () -> store.list(BuildQuery.firstPage()),
          () -> store.summarize(MetricsQuery.last(Duration.ofDays(30), Instant.now())),
          () -> store.recordDelivery(DeliveryKey.of("after"), Instant.now()),
          () -> store.count(),
          () -> store.checkAvailable(),
          () -> store.writeBatch(List.of(DeliveryKey.of("batch")), List.of(BuildId.github("octo/api", 1)),
              read -> new BatchPlan(List.of(), List.of(DeliveryKey.of("batch"))), Instant.now())}) {
        assertTimeoutPreemptively(Duration.ofSeconds(30),
            () -> assertThatThrownBy(operation::execute).isInstanceOf(StoreUnavailableException.class));
      }
    }
  }
}

package dev.cicd.benchmarks.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.benchmarks.ingest.Database;
import dev.cicd.benchmarks.ingest.InboxProgress;
import dev.cicd.benchmarks.ingest.IngestServer;
import dev.cicd.benchmarks.ingest.LoadGenerator;
import dev.cicd.benchmarks.ingest.LoadResult;
import dev.cicd.store.jpa.JpaStoreConfig;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RELIABILITY §6.10 D1 on the real stack (Jetty 12 + servlet + Cicd + JpaBuildStore on PostgreSQL): the
 * store's connections go through a TCP proxy that is cut mid-run while webhooks keep coming, then
 * restored. Webhooks must answer 503 within GitHub's 10 s (the first ones after the pool's connection timeout,
 * the rest at once), health must say DOWN, everything must recover without a restart, and every acknowledged
 * delivery must be stored: merging on arrival, and with the webhook inbox.
 */
@ExtendWith(RequiresPostgres.class)
class DatabaseOutageTest {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutageTest.class);
  private final Database db = Database.newPostgresSchema("faults_");

  @AfterEach
  void dropSchema() throws Exception {
    db.drop();
  }

  @Test
  @DisplayName("D1: PostgreSQL unreachable mid-run → fast 503s and DOWN; recovery without restart; no acknowledged delivery lost")
  void outageAndRecovery() throws Exception {
    outageAndRecovery(IngestServer.Mode.REAL, JpaStoreConfig.DEFAULT_CONNECTION_TIMEOUT);
  }

  /**
   * The same with the webhook inbox, whose appends share the merge's breaker. With a connection timeout shorter than
   * the webhook deadline (5 s), the first append's writer finds the store unreachable before its callers' deadline,
   * as with the real server's write path; with both at 5 s the first answers are 503s at the deadline instead.
   */
  @Test
  @DisplayName("D1 with the webhook inbox: fast 503s and DOWN; recovery without restart; no acknowledged delivery lost")
  void outageAndRecoveryWithTheInbox() throws Exception {
    outageAndRecovery(IngestServer.Mode.INBOX, Duration.ofSeconds(2));
  }

  private void outageAndRecovery(IngestServer.Mode mode, Duration connectionTimeout) throws Exception {
    URI pg = URI.create(Database.PG_URL.substring("jdbc:".length()));
    try (TcpProxy proxy = new TcpProxy(pg.getHost(), pg.getPort() < 0 ? 5432 : pg.getPort());
        IngestServer server = IngestServer.start(mode, db, db.jdbcUrl("127.0.0.1:" + proxy.port()), 0,
            connectionTimeout);
        LoadGenerator load = new LoadGenerator(URI.create("http://127.0.0.1:" + server.port()
            + IngestServer.WEBHOOK_PATH), 4, "outage", 1_000, 1, true)) {
      Webhooks hooks = new Webhooks(server.port());
      LoadResult before = load.closedLoop(Duration.ofSeconds(3));
      assertThat(before.stored()).as("stored before the outage: %s", before).isPositive();
      assertThat(hooks.status(hooks.health())).isEqualTo("UP");

      proxy.cut();
      CompletableFuture<LoadResult> during = CompletableFuture.supplyAsync(() -> closedLoop(load, Duration.ofSeconds(12)));
      long probeStart = System.nanoTime();
      HttpResponse<String> refused = hooks.postRun("probe-1", 1);
      long probeMillis = (System.nanoTime() - probeStart) / 1_000_000;
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      long healthStart = System.nanoTime();
      HttpResponse<String> health = hooks.health();
      long healthMillis = (System.nanoTime() - healthStart) / 1_000_000;
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(hooks.status(health)).isEqualTo("DOWN");
      // The refused delivery told ingestion the database is unreachable: health says so at once instead of
      // waiting the pool's 5 s connection timeout for its own check.
      assertThat(healthMillis).as("health answered DOWN after %d ms", healthMillis).isLessThan(2_500);
      LoadResult outage = during.join();
      assertThat(outage.stored()).as("nothing can be stored while the database is unreachable: %s", outage).isZero();
      assertThat(outage.unavailable()).as("%s", outage).isPositive();
      assertThat(outage.otherStatus() + outage.errors()).as("every answer is a 503 (no timeouts): %s", outage).isZero();
      // Waiting for the pool's 5 s connection timeout every time, 4 connections would see at most about 10 answers
      // in 12 s; once the first batch failed the store is known to be unreachable and the rest fail at once.
      assertThat(outage.unavailable()).as("503s answered at once while the store is known to be down: %s", outage)
          .isGreaterThan(100);

      proxy.restore();
      long restoreStart = System.nanoTime();
      HttpResponse<String> redelivered = awaitStored(hooks, "probe-1", 1);
      LOG.info("Outage ({}): health DOWN in {} ms", mode, healthMillis);
      LOG.info("Outage: probe answered {} in {} ms; load during the outage: {}; stored again {} ms after the restore",
          refused.statusCode(), probeMillis, outage, (System.nanoTime() - restoreStart) / 1_000_000);
      // "duplicate" when an earlier attempt answered 503 (its deadline passed) and was still being written when the
      // database came back: a 503 only promises that no 2xx was given (WebhookIngestor); "accepted" by the inbox.
      assertThat(hooks.status(redelivered)).as("GitHub's redelivery of the refused delivery is stored now")
          .isIn("stored", "duplicate", "accepted");
      assertThat(hooks.health().statusCode()).isEqualTo(200);
      LoadResult after = load.closedLoop(Duration.ofSeconds(3));
      assertThat(after.stored()).as("%s", after).isPositive();
      assertThat(after.otherStatus() + after.errors()).as("%s", after).isZero();
      if (mode == IngestServer.Mode.INBOX) {
        InboxProgress inbox = new InboxProgress(URI.create("http://127.0.0.1:" + server.port() + "/cicd/health"));
        assertThat(inbox.awaitDrained(Duration.ofMinutes(1))).as("merged within a minute: %s", inbox.read())
            .isNotNull();
      }

      Set<String> stored = storedDeliveries();
      for (long n : load.acknowledged()) {
        assertThat(stored).as("acknowledged delivery outage-%d", n).contains("outage-" + n);
      }
      LOG.info("Before: {}; after: {}; acknowledged {}, stored {}", before, after, load.acknowledged().size(),
          stored.size());
      assertThat(stored).contains("probe-1");
      stored.remove("probe-1");
      assertThat(stored).as("nothing stored that was not sent").allSatisfy(id ->
          assertThat(Long.parseLong(id.substring("outage-".length()))).isLessThan(load.issued()));
    }
  }

  private static LoadResult closedLoop(LoadGenerator load, Duration duration) {
    try {
      return load.closedLoop(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> awaitStored(Webhooks hooks, String deliveryId, long runId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    HttpResponse<String> response;
    do {
      response = hooks.postRun(deliveryId, runId);
      if (response.statusCode() == 200 || response.statusCode() == 202) {
        return response;
      }
      Thread.sleep(250);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("the store did not recover within 60 s: last answer " + response.statusCode() + " "
        + response.body());
  }

  private Set<String> storedDeliveries() throws Exception {
    Set<String> ids = new HashSet<>();
    try (Connection c = Database.adminConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT delivery_id FROM " + db.location() + ".cicd_delivery")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }
}

package dev.cicd.store.jpa.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cicd.core.alert.OutboxEntry;
import dev.cicd.core.alert.OutboxStatus;
import dev.cicd.store.jpa.JpaStoreConfig;
import dev.cicd.store.jpa.PostgresExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * D9: several alert stores on one database, each with its own connection pool (as separate processes
 * would have), claim outbox rows concurrently; every row is claimed and sent exactly once.
 */
class OutboxClaimRaceTest {
  private static final int ROWS = 400;

  static void assertEachRowClaimedOnce(ClaimRace race, JpaAlertStore store) {
    assertThat(race.claims.values().stream().filter(owners -> owners.size() > 1).toList())
        .as("rows claimed more than once").isEmpty();
    assertThat(race.lostCompletes).as("claimed rows whose lease or completion was lost").isEmpty();
    assertThat(race.claims).hasSize(ROWS);
    assertThat(store.outboxCounts()).isEqualTo(Map.of(OutboxStatus.SENT, (long) ROWS));
  }

  @Nested
  @DisplayName("on PostgreSQL (FOR UPDATE SKIP LOCKED)")
  class OnPostgres {
    @RegisterExtension
    final PostgresExtension pg = new PostgresExtension();

    private List<JpaAlertStore> twoStores() {
      pg.newStore(); // migrates the schema
      return List.of(JpaAlertStore.create(pg.dataSource(4)), JpaAlertStore.create(pg.dataSource(4)));
    }

    @Test
    @DisplayName("two stores with four claimers each claim every one of 400 rows exactly once")
    void eachRowOnce() throws Exception {
      List<JpaAlertStore> stores = twoStores();
      ClaimRace race = new ClaimRace().seed(stores.get(0), ROWS);
      race.run(stores, 4, null);
      assertEachRowClaimedOnce(race, stores.get(1));
      assertThat(race.claims.values().stream().map(owners -> owners.get(0).substring(0, 6))
          .collect(Collectors.toSet())).as("both stores took part").containsExactlyInAnyOrder("store0", "store1");
    }

    @Test
    @DisplayName("rows cancelled while claimers run are either sent by one claimer or cancelled, never both")
    void claimsRaceCancellations() throws Exception {
      List<JpaAlertStore> stores = twoStores();
      ClaimRace race = new ClaimRace().seed(stores.get(0), ROWS);
      race.run(stores, 3, stores.get(1));
      assertThat(race.lostCompletes).isEmpty();
      for (String key : race.keys) {
        OutboxEntry row = stores.get(0).findOutbox(key).orElseThrow();
        List<String> owners = race.claims.getOrDefault(key, List.of());
        assertThat(owners).as(key).hasSizeLessThanOrEqualTo(1);
        assertThat(row.status()).as(key).isEqualTo(owners.isEmpty() ? OutboxStatus.CANCELLED : OutboxStatus.SENT);
      }
    }

    @Test
    @DisplayName("rows of a claimer that died go to another store when the lease expires, not before")
    void expiredLeaseMovesOn() {
      List<JpaAlertStore> stores = twoStores();
      new ClaimRace().seed(stores.get(0), 20);
      List<OutboxEntry> dead = stores.get(0).claimDue(ClaimRace.NOW, 50, "dead", Duration.ofMinutes(1));
      assertThat(dead).hasSize(20);
      assertThat(stores.get(1).claimDue(ClaimRace.NOW.plusSeconds(59), 50, "alive", Duration.ofMinutes(1)))
          .isEmpty();
      List<OutboxEntry> taken = stores.get(1).claimDue(ClaimRace.NOW.plusSeconds(60), 50, "alive",
          Duration.ofMinutes(1));
      assertThat(taken).extracting(OutboxEntry::key).containsExactlyElementsOf(dead.stream().map(OutboxEntry::key)
          .toList());
      assertThat(stores.get(0).complete(dead.get(0).key(), "dead", OutboxStatus.SENT, ClaimRace.NOW, null, true))
          .as("the dead owner lost its lease").isFalse();
      assertThat(stores.get(1).complete(dead.get(0).key(), "alive", OutboxStatus.SENT, ClaimRace.NOW, null, true))
          .isTrue();
    }
  }

  @Nested
  @DisplayName("on H2 (conditional update per row)")
  class OnH2 {
    @Test
    @DisplayName("two stores with separate pools on one H2 file claim every one of 400 rows exactly once")
    void eachRowOnce() throws Exception {
      try (H2Database db = new H2Database().open();
          HikariDataSource second = pool(JpaStoreConfig.h2Url(db.directory()))) {
        List<JpaAlertStore> stores = List.of(db.alerts(), JpaAlertStore.create(second));
        ClaimRace race = new ClaimRace().seed(stores.get(0), ROWS);
        race.run(stores, 4, null);
        assertEachRowClaimedOnce(race, stores.get(1));
      }
    }

    @Test
    @DisplayName("rows cancelled while claimers run are either sent by one claimer or cancelled, never both")
    void claimsRaceCancellations() throws Exception {
      try (H2Database db = new H2Database().open()) {
        ClaimRace race = new ClaimRace().seed(db.alerts(), ROWS);
        race.run(List.of(db.alerts()), 4, db.alerts());
        assertThat(race.lostCompletes).isEmpty();
        for (String key : race.keys) {
          List<String> owners = race.claims.getOrDefault(key, List.of());
          assertThat(owners).as(key).hasSizeLessThanOrEqualTo(1);
          assertThat(db.alerts().findOutbox(key).orElseThrow().status()).as(key)
              .isEqualTo(owners.isEmpty() ? OutboxStatus.CANCELLED : OutboxStatus.SENT);
        }
      }
    }

    private HikariDataSource pool(String url) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(url);
      config.setUsername("sa");
      config.setPassword("");
      config.setMaximumPoolSize(4);
      return new HikariDataSource(config);
    }
  }
}

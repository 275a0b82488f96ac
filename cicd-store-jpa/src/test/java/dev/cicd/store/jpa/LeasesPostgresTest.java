package dev.cicd.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** D9: two instances on one PostgreSQL database; a lease has one holder at a time. */
class LeasesPostgresTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  @Test
  @DisplayName("of eight owners on two instances racing for a lease exactly one gets it")
  void oneHolder() throws Exception {
    List<JpaBuildStore> instances = List.of(PG.newStore(), PG.newStore());
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        JpaLeases leases = instances.get(i % 2).leases();
        String owner = "owner-" + i;
        results.add(pool.submit(() -> {
          start.await();
          return leases.tryAcquire("poller", owner, Duration.ofMinutes(5));
        }));
      }
      start.countDown();
      int winners = 0;
      for (Future<Boolean> r : results) {
        winners += r.get(1, TimeUnit.MINUTES) ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
      String holder = instances.get(0).leases().holder("poller").orElseThrow();
      assertThat(instances.get(1).leases().holder("poller")).contains(holder);
      assertThat(instances.get(1).leases().tryAcquire("poller", holder, Duration.ofMinutes(5))).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }
}

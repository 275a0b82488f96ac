package dev.cicd.store.jpa.alert;

import dev.cicd.core.alert.AlertInstance;
import dev.cicd.core.alert.AlertState;
import dev.cicd.core.alert.AlertStore;
import dev.cicd.core.alert.AlertUpdate;
import dev.cicd.core.alert.NotificationItem;
import dev.cicd.core.alert.NotificationKind;
import dev.cicd.core.alert.OutboxEntry;
import dev.cicd.core.alert.OutboxStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Dispatcher-like claimers racing over one outbox: each claims a few due rows, records them and
 * completes them as sent. Optionally a resolver commits cancellations of random keys meanwhile.
 */
final class ClaimRace {
  static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");
  static final List<String> CHANNELS = List.of("c0", "c1", "c2");

  /** Owners per key, in claim order. */
  final Map<String, List<String>> claims = new ConcurrentHashMap<>();
  /** Keys whose complete(...) by the claimer returned false. */
  final List<String> lostCompletes = new CopyOnWriteArrayList<>();
  final List<String> keys = new ArrayList<>();
  private AlertInstance alert;

  /** Commits {@code rows} due rows (spread over three channels) through {@code store}. */
  ClaimRace seed(AlertStore store, int rows) {
    alert = AlertInstance.inactive("race", "failed", "octo/api", "CI", "main", NOW)
        .moveTo(AlertState.FIRING, NOW, 1, NOW);
    Random random = new Random(rows);
    long version = 0;
    for (int start = 0; start < rows; start += 100) {
      List<OutboxEntry> batch = new ArrayList<>();
      for (int i = start; i < Math.min(rows, start + 100); i++) {
        String key = String.format("row-%04d", i);
        keys.add(key);
        NotificationItem item = new NotificationItem(NotificationKind.FIRING, alert.fingerprint(), 1, "race",
            "failed", "octo/api", "CI", "main", "row " + i, NOW, null, (long) i, null, null, null, null, null);
        batch.add(OutboxEntry.pending(key, CHANNELS.get(i % 3), "rcv", item, null, null, null, null,
            NOW.minusSeconds(random.nextInt(600)), NOW.minusSeconds(random.nextInt(600))));
      }
      alert = store.commit(new AlertUpdate(version, alert, List.of(), batch, List.of(), NOW));
      version = alert.version();
    }
    return this;
  }

  /**
   * Runs {@code claimersPerStore} claimers on each store until nothing is left to claim; when
   * {@code resolver} is set, it commits cancellations of random keys meanwhile.
   */
  void run(List<? extends AlertStore> stores, int claimersPerStore, AlertStore resolver) throws Exception {
    int threads = stores.size() * claimersPerStore + (resolver == null ? 0 : 1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CyclicBarrier start = new CyclicBarrier(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int s = 0; s < stores.size(); s++) {
        for (int c = 0; c < claimersPerStore; c++) {
          AlertStore store = stores.get(s);
          String owner = "store" + s + "-claimer" + c;
          String channel = c % 2 == 0 ? null : CHANNELS.get(c % 3);
          futures.add(pool.submit(() -> {
            start.await();
            claimUntilEmpty(store, owner, channel, new Random(owner.hashCode()));
            return null;
          }));
        }
      }
      if (resolver != null) {
        futures.add(pool.submit(() -> {
          start.await();
          cancelRandomKeys(resolver);
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get(3, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private void claimUntilEmpty(AlertStore store, String owner, String channel, Random random) {
    while (true) {
      List<OutboxEntry> got = store.claimDue(channel, NOW, 1 + random.nextInt(7), owner, Duration.ofMinutes(10));
      if (got.isEmpty()) {
        return;
      }
      for (OutboxEntry row : got) {
        claims.computeIfAbsent(row.key(), k -> new CopyOnWriteArrayList<>()).add(owner);
        if (!owner.equals(row.leaseOwner()) || !NOW.plus(Duration.ofMinutes(10)).equals(row.leaseUntil())
            || !store.complete(row.key(), owner, OutboxStatus.SENT, NOW, null, true)) {
          lostCompletes.add(row.key());
        }
      }
    }
  }

  private void cancelRandomKeys(AlertStore store) {
    Random random = new Random(7);
    for (int round = 0; round < 20; round++) {
      List<String> cancel = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        cancel.add(keys.get(random.nextInt(keys.size())));
      }
      alert = store.commit(new AlertUpdate(alert.version(), alert, List.of(), List.of(), cancel, NOW));
    }
  }
}

package dev.cicd.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.ingest.IngestionService;
import dev.cicd.core.ingest.JobUpdate;
import dev.cicd.core.ingest.ProviderEvent;
import dev.cicd.core.ingest.RunUpdate;
import dev.cicd.core.testing.HistoryGenerator;
import dev.cicd.core.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

abstract class ConcurrencyContract {
  abstract BuildStore store();

  static Set<BuildId> ids(List<ProviderEvent> events) {
    Set<BuildId> ids = new LinkedHashSet<>();
    for (ProviderEvent e : events) {
      if (e instanceof RunUpdate r) {
        ids.add(r.id());
      } else if (e instanceof JobUpdate j) {
        ids.add(j.buildId());
      }
    }
    return ids;
  }

  /** The sequential reference: {@code events} ingested one by one, in order, into a memory store. */
  static InMemoryBuildStore sequentially(List<ProviderEvent> events, MutableClock clock) {
    InMemoryBuildStore reference = new InMemoryBuildStore();
    IngestionService sequential = IngestionService.create(reference, clock);
    events.forEach(sequential::ingest);
    return reference;
  }

  /** Runs {@code threads} workers, worker {@code t} on its own shuffled, duplicated copy of {@code events}. */
  static void inThreads(int threads, List<ProviderEvent> events, long seed,
      java.util.function.Consumer<List<ProviderEvent>> worker) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        List<ProviderEvent> mine = HistoryGenerator.shuffledWithDuplicates(events, seed + t, 0.2);
        futures.add(pool.submit(() -> worker.accept(mine)));
      }
      for (Future<?> f : futures) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Every build of {@code events} is stored in {@code store} as in {@code reference}, and nothing else. */
  static void assertSameBuilds(BuildStore store, InMemoryBuildStore reference, List<ProviderEvent> events) {
    for (BuildId id : ids(events)) {
      Build expected = reference.find(id).orElseThrow();
      Build actual = store.find(id).orElseThrow();
      assertThat(actual.sameStateAs(expected)).as("state of %s", id).isTrue();
    }
    assertThat(store.count()).isEqualTo(reference.count());
  }

  @Test
  @DisplayName("threads applying shuffled, duplicated events of the same builds end in the sequential state")
  void concurrentShuffledEventsConverge() throws Exception {
    MutableClock clock = MutableClock.at("2026-06-01T00:00:00Z");
    List<ProviderEvent> events = new HistoryGenerator(7, Duration.ofDays(10), true).builds(40);
    InMemoryBuildStore reference = sequentially(events, clock);
    IngestionService ingestion = IngestionService.create(store(), clock);
    inThreads(4, events, 100, mine -> mine.forEach(ingestion::ingest));
    assertSameBuilds(store(), reference, events);
  }
}

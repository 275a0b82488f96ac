package dev.cicd.core.store;

import static dev.cicd.core.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.ingest.DeliveryKey;
import dev.cicd.core.ingest.IngestOutcome;
import dev.cicd.core.ingest.IngestResult;
import dev.cicd.core.ingest.IngestionService;
import dev.cicd.core.ingest.ProviderEvent;
import dev.cicd.core.internal.BuildMerger;
import dev.cicd.core.testing.HistoryGenerator;
import dev.cicd.core.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Group commit: {@link BuildStore#writeBatch}, {@link BuildStore#findAll} and {@link BuildStore#recordedDeliveries}. */
abstract class BatchContract {
  abstract BuildStore store();

  static final String REPO = "octo-org/batch";

  @BeforeEach
  void needsBatches() {
    assumeTrue(store().writesBatches(), "the store does not write batches");
  }

  static Build build(long runId) {
    Build run = BuildMerger.merge(null, Fixtures.completed(REPO, runId, 1, Conclusion.SUCCESS, T0, 60), T0);
    return BuildMerger.merge(run, Fixtures.job(REPO, runId, runId * 10, 1, BuildStatus.COMPLETED, Conclusion.SUCCESS,
        T0, T0.plusSeconds(5), T0.plusSeconds(50)), T0);
  }

  @Test
  @DisplayName("a batch inserts and updates builds and records its deliveries in one go")
  void writesBatch() {
    Build stored = store().save(build(1), 0);
    Build changed = BuildMerger.merge(stored, Fixtures.completed(REPO, 1, 2, Conclusion.FAILURE, T0.plusSeconds(600),
        30), T0);
    List<Build> saved = store().writeBatch(List.of(new BuildWrite(changed, 1), new BuildWrite(build(2), 0)),
        List.of(DeliveryKey.of("d-1"), new DeliveryKey("7", "d-2")), T0);
    assertThat(saved).extracting(Build::version).containsExactly(2L, 1L);
    Build found = store().find(changed.id()).orElseThrow();
    assertThat(found.sameStateAs(changed)).isTrue();
    assertThat(found.version()).isEqualTo(2);
    assertThat(store().find(BuildId.github(REPO, 2)).orElseThrow().jobs()).hasSize(1);
    assertThat(store().hasDelivery(DeliveryKey.of("d-1"))).isTrue();
    assertThat(store().hasDelivery(new DeliveryKey("7", "d-2"))).isTrue();
  }

  @Test
  @DisplayName("a stale version or an existing build fails the whole batch and writes nothing of it")
  void staleVersionWritesNothing() {
    store().save(build(1), 0);
    assertThatThrownBy(() -> store().writeBatch(List.of(new BuildWrite(build(3), 0), new BuildWrite(build(1), 0)),
        List.of(DeliveryKey.of("d-3")), T0)).isInstanceOf(ConcurrentBuildModificationException.class);
    assertThatThrownBy(() -> store().writeBatch(List.of(new BuildWrite(build(4), 0), new BuildWrite(build(1), 7)),
        List.of(DeliveryKey.of("d-4")), T0)).isInstanceOf(ConcurrentBuildModificationException.class);
    assertThat(store().find(BuildId.github(REPO, 3))).isEmpty();
    assertThat(store().find(BuildId.github(REPO, 4))).isEmpty();
    assertThat(store().recordedDeliveries(List.of(DeliveryKey.of("d-3"), DeliveryKey.of("d-4")))).isEmpty();
    assertThat(store().find(BuildId.github(REPO, 1)).orElseThrow().version()).isEqualTo(1);
  }

  @Test
  @DisplayName("a delivery recorded before fails the whole batch and writes nothing of it")
  void recordedDeliveryWritesNothing() {
    store().recordDelivery(DeliveryKey.of("seen"), T0);
    assertThatThrownBy(() -> store().writeBatch(List.of(new BuildWrite(build(5), 0)),
        List.of(DeliveryKey.of("new"), DeliveryKey.of("seen")), T0))
        .isInstanceOf(ConcurrentBuildModificationException.class);
    assertThat(store().find(BuildId.github(REPO, 5))).isEmpty();
    assertThat(store().hasDelivery(DeliveryKey.of("new"))).isFalse();
  }

  @Test
  @DisplayName("findAll returns whole stored builds and leaves out unknown ids; recordedDeliveries the recorded keys")
  void readsSeveral() {
    store().save(build(6), 0);
    store().save(build(7), 0);
    Map<BuildId, Build> found = store().findAll(List.of(BuildId.github(REPO, 6), BuildId.github(REPO, 7),
        BuildId.github(REPO, 8)));
    assertThat(found).containsOnlyKeys(BuildId.github(REPO, 6), BuildId.github(REPO, 7));
    assertThat(found.get(BuildId.github(REPO, 7)).sameStateAs(build(7))).isTrue();
    assertThat(found.get(BuildId.github(REPO, 7)).jobs().get(0).steps()).hasSize(2);
    store().recordDelivery(new DeliveryKey("1", "a"), T0);
    assertThat(store().recordedDeliveries(List.of(new DeliveryKey("1", "a"), DeliveryKey.of("a"),
        new DeliveryKey("2", "a")))).containsExactly(new DeliveryKey("1", "a"));
  }

  @Test
  @DisplayName("threads posting shuffled, duplicated deliveries end in the sequential state, each delivery stored once")
  void concurrentDeliveriesConverge() throws Exception {
    MutableClock clock = MutableClock.at("2026-06-01T00:00:00Z");
    List<ProviderEvent> events = new HistoryGenerator(11, Duration.ofDays(10), true).builds(30);
    InMemoryBuildStore reference = new InMemoryBuildStore();
    IngestionService sequential = IngestionService.create(reference, clock);
    events.forEach(sequential::ingest);
    Map<ProviderEvent, String> keys = new java.util.HashMap<>();
    events.forEach(e -> keys.putIfAbsent(e, "event-" + keys.size()));
    IngestionService ingestion = IngestionService.create(store(), clock);
    AtomicInteger stored = new AtomicInteger();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        List<ProviderEvent> mine = HistoryGenerator.shuffledWithDuplicates(events, 500 + t, 0.2);
        futures.add(pool.submit(() -> {
          for (ProviderEvent event : mine) {
            DeliveryKey key = DeliveryKey.of(keys.get(event));
            List<IngestResult> results = ingestion.ingestDelivery(key, List.of(event));
            if (results.get(0).outcome() != IngestOutcome.DUPLICATE) {
              stored.incrementAndGet();
            }
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(stored.get()).as("deliveries reported stored").isEqualTo(keys.size());
    for (BuildId id : ConcurrencyContract.ids(events)) {
      assertThat(store().find(id).orElseThrow().sameStateAs(reference.find(id).orElseThrow())).as("state of %s", id)
          .isTrue();
    }
    assertThat(store().count()).isEqualTo(reference.count());
  }
}

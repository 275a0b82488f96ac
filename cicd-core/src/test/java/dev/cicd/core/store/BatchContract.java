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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Group commit: {@link BuildStore#writeBatch}. */
abstract class BatchContract {
  abstract BuildStore store();

  static final String REPO = "octo-org/batch";

  @BeforeEach
  void needsBatches() {
    assumeTrue(store().writesBatches(), "the store does not write batches");
  }

  static Build build(long runId) {
    return build(REPO, runId);
  }

  static Build build(String repository, long runId) {
    Build run = BuildMerger.merge(null, Fixtures.completed(repository, runId, 1, Conclusion.SUCCESS, T0, 60), T0);
    return BuildMerger.merge(run, Fixtures.job(repository, runId, runId * 10, 1, BuildStatus.COMPLETED,
        Conclusion.SUCCESS, T0, T0.plusSeconds(5), T0.plusSeconds(50)), T0);
  }

  static List<Build> write(BuildStore store, List<DeliveryKey> keys, List<BuildId> ids,
      java.util.function.Function<BatchRead, BatchPlan> plan) {
    return store.writeBatch(keys, ids, plan, T0);
  }

  @Test
  @DisplayName("a store writing batches takes at least one at a time")
  void takesAtLeastOneBatch() {
    assertThat(store().concurrentBatches()).isPositive();
  }

  @Test
  @DisplayName("a batch reads, then inserts and updates builds and records its deliveries in one go")
  void writesBatch() {
    store().save(build(1), 0);
    List<BatchRead> reads = new ArrayList<>();
    List<Build> saved = write(store(), List.of(DeliveryKey.of("d-1"), new DeliveryKey("7", "d-2")),
        List.of(BuildId.github(REPO, 1), BuildId.github(REPO, 2)), read -> {
          reads.add(read);
          Build stored = read.builds().get(BuildId.github(REPO, 1));
          Build changed = BuildMerger.merge(stored, Fixtures.completed(REPO, 1, 2, Conclusion.FAILURE,
              T0.plusSeconds(600), 30), T0);
          return new BatchPlan(List.of(new BuildWrite(changed, stored.version()), new BuildWrite(build(2), 0)),
              List.of(DeliveryKey.of("d-1"), new DeliveryKey("7", "d-2")));
        });
    BatchRead read = reads.get(reads.size() - 1);
    assertThat(read.recorded()).isEmpty();
    assertThat(read.builds()).containsOnlyKeys(BuildId.github(REPO, 1));
    assertThat(read.builds().get(BuildId.github(REPO, 1)).version()).isEqualTo(1);
    assertThat(saved).extracting(Build::version).containsExactly(2L, 1L);
    Build found = store().find(BuildId.github(REPO, 1)).orElseThrow();
    assertThat(found.attemptNumber()).isEqualTo(2);
    assertThat(found.version()).isEqualTo(2);
    assertThat(store().find(BuildId.github(REPO, 2)).orElseThrow().jobs()).hasSize(1);
    assertThat(store().hasDelivery(DeliveryKey.of("d-1"))).isTrue();
    assertThat(store().hasDelivery(new DeliveryKey("7", "d-2"))).isTrue();
  }

  @Test
  @DisplayName("a stale version or an existing build fails the whole batch and writes nothing of it")
  void staleVersionWritesNothing() {
    store().save(build(1), 0);
    List<BuildId> ids = List.of(BuildId.github(REPO, 1), BuildId.github(REPO, 3));
    assertThatThrownBy(() -> write(store(), List.of(DeliveryKey.of("d-3")), ids, read -> new BatchPlan(
        List.of(new BuildWrite(build(3), 0), new BuildWrite(build(1), 0)), List.of(DeliveryKey.of("d-3")))))
        .isInstanceOf(ConcurrentBuildModificationException.class);
    assertThatThrownBy(() -> write(store(), List.of(DeliveryKey.of("d-4")), ids, read -> new BatchPlan(
        List.of(new BuildWrite(build(3), 0), new BuildWrite(build(1), 7)), List.of(DeliveryKey.of("d-4")))))
        .isInstanceOf(ConcurrentBuildModificationException.class);
    assertThat(store().find(BuildId.github(REPO, 3))).isEmpty();
    assertThat(store().hasDelivery(DeliveryKey.of("d-3"))).isFalse();
    assertThat(store().hasDelivery(DeliveryKey.of("d-4"))).isFalse();
    assertThat(store().find(BuildId.github(REPO, 1)).orElseThrow().version()).isEqualTo(1);
  }

  @Test
  @DisplayName("a build another writer saved after the batch read it fails the batch, which writes nothing")
  void changedSinceReadWritesNothing() {
    store().save(build(10), 0);
    BuildId id = BuildId.github(REPO, 10);
    assertThatThrownBy(() -> write(store(), List.of(DeliveryKey.of("d-10")), List.of(id, BuildId.github(REPO, 11)),
        read -> {
          Build stored = read.builds().get(id);
          // another writer (its own transaction) saves the build between the batch's read and its write
          store().save(BuildMerger.merge(stored, Fixtures.completed(REPO, 10, 2, Conclusion.FAILURE,
              T0.plusSeconds(600), 30), T0), stored.version());
          Build ours = BuildMerger.merge(stored, Fixtures.completed(REPO, 10, 3, Conclusion.SUCCESS,
              T0.plusSeconds(900), 30), T0);
          return new BatchPlan(List.of(new BuildWrite(build(11), 0), new BuildWrite(ours, stored.version())),
              List.of(DeliveryKey.of("d-10")));
        })).isInstanceOf(ConcurrentBuildModificationException.class);
    Build found = store().find(id).orElseThrow();
    assertThat(found.version()).isEqualTo(2);
    assertThat(found.attemptNumber()).isEqualTo(2);
    assertThat(store().find(BuildId.github(REPO, 11))).isEmpty();
    assertThat(store().hasDelivery(DeliveryKey.of("d-10"))).isFalse();
  }

  @Test
  @DisplayName("a batch that records a delivery recorded before fails whole and writes nothing of it")
  void recordedDeliveryWritesNothing() {
    store().recordDelivery(new DeliveryKey("1", "seen"), T0);
    List<BatchRead> reads = new ArrayList<>();
    assertThatThrownBy(() -> write(store(), List.of(DeliveryKey.of("new"), new DeliveryKey("1", "seen"),
        DeliveryKey.of("seen")), List.of(BuildId.github(REPO, 5)), read -> {
          reads.add(read);
          return new BatchPlan(List.of(new BuildWrite(build(5), 0)), List.of(DeliveryKey.of("new"),
              new DeliveryKey("1", "seen")));
        })).isInstanceOf(ConcurrentBuildModificationException.class);
    assertThat(reads.get(0).recorded()).containsExactly(new DeliveryKey("1", "seen"));
    assertThat(store().find(BuildId.github(REPO, 5))).isEmpty();
    assertThat(store().hasDelivery(DeliveryKey.of("new"))).isFalse();
  }

  @Test
  @DisplayName("a batch reads whole builds (attempts, jobs, steps) of any repository and leaves out unknown ids")
  void readsWholeBuilds() {
    String other = "octo-org/other";
    store().save(build(6), 0);
    store().save(build(other, 6), 0);
    store().save(build(other, 9), 0);
    List<BatchRead> reads = new ArrayList<>();
    assertThat(write(store(), List.of(), List.of(BuildId.github(REPO, 6), BuildId.github(REPO, 8),
        BuildId.github(other, 6), BuildId.github(REPO, 9)), read -> {
          reads.add(read);
          return new BatchPlan(List.of(), List.of());
        })).isEmpty();
    Map<BuildId, Build> builds = reads.get(0).builds();
    assertThat(builds).containsOnlyKeys(BuildId.github(REPO, 6), BuildId.github(other, 6));
    assertThat(builds.get(BuildId.github(REPO, 6)).sameStateAs(build(6))).isTrue();
    assertThat(builds.get(BuildId.github(other, 6)).sameStateAs(build(other, 6))).isTrue();
    assertThat(builds.get(BuildId.github(REPO, 6)).jobs().get(0).steps()).hasSize(2);
  }

  @Test
  @DisplayName("threads posting shuffled, duplicated deliveries end in the sequential state, each delivery stored once")
  void concurrentDeliveriesConverge() throws Exception {
    MutableClock clock = MutableClock.at("2026-06-01T00:00:00Z");
    List<ProviderEvent> events = new HistoryGenerator(11, Duration.ofDays(10), true).builds(30);
    InMemoryBuildStore reference = ConcurrencyContract.sequentially(events, clock);
    Map<ProviderEvent, String> keys = new HashMap<>();
    events.forEach(e -> keys.putIfAbsent(e, "event-" + keys.size()));
    IngestionService ingestion = IngestionService.create(store(), clock);
    AtomicInteger stored = new AtomicInteger();
    ConcurrencyContract.inThreads(8, events, 500, mine -> {
      for (ProviderEvent event : mine) {
        List<IngestResult> results = ingestion.ingestDelivery(DeliveryKey.of(keys.get(event)), List.of(event));
        if (results.get(0).outcome() != IngestOutcome.DUPLICATE) {
          stored.incrementAndGet();
        }
      }
    });
    assertThat(stored.get()).as("deliveries reported stored").isEqualTo(keys.size());
    ConcurrencyContract.assertSameBuilds(store(), reference, events);
  }
}

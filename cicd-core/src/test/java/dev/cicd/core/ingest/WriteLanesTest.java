package dev.cicd.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cicd.core.build.BuildId;
import dev.cicd.core.store.BuildStore;
import dev.cicd.core.store.InMemoryBuildStore;
import dev.cicd.core.testing.MutableClock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Group commit in lanes: a batch held in the store blocks its own lane only. */
class WriteLanesTest {
  final InMemoryBuildStore memory = new InMemoryBuildStore();
  final CountDownLatch release = new CountDownLatch(1);
  final AtomicInteger batchCalls = new AtomicInteger();
  final BuildStore store = InterceptedStore.of(memory, (method, args) -> {
    if (method.equals("writeBatch") && batchCalls.getAndIncrement() == 0) {
      release.await(10, TimeUnit.SECONDS); // the first batch holds its lane's writer
    }
  });
  /** The store asks for two concurrent batches; ingestion makes as many lanes. */
  final BuildStore twoLanes = withLanes(store, 2);
  final IngestionService ingestion = IngestionService.create(twoLanes, MutableClock.at("2026-05-02T00:00:00Z"));

  static int lane(long runId) {
    return WriteLanes.laneOf(List.of(GroupCommitTest.job(runId, 1)), 2);
  }

  /** A run id after {@code from} whose lane is (or is not) {@code lane}. */
  static long runIn(int lane, boolean same, long from) {
    long runId = from + 1;
    while ((lane(runId) == lane) != same) {
      runId++;
    }
    return runId;
  }

  CompletableFuture<List<IngestResult>> deliver(String id, long runId, long jobId) {
    return CompletableFuture.supplyAsync(
        () -> ingestion.ingestDelivery(DeliveryKey.of(id), List.of(GroupCommitTest.job(runId, jobId))));
  }

  @Test
  @DisplayName("with a store that takes two batches at once, a delivery of another lane is stored while one lane's batch is written")
  void lanesWriteAtTheSameTime() throws Exception {
    long held = 1;
    int heldLane = lane(held);
    CompletableFuture<List<IngestResult>> first = deliver("held", held, 10);
    while (batchCalls.get() == 0) {
      Thread.sleep(1);
    }
    long sameLane = runIn(heldLane, true, held);
    long otherLane = runIn(heldLane, false, held);
    CompletableFuture<List<IngestResult>> queued = deliver("same-lane", sameLane, 20);
    List<IngestResult> other = deliver("other-lane", otherLane, 30).get(10, TimeUnit.SECONDS);

    assertThat(other).extracting(IngestResult::outcome).containsExactly(IngestOutcome.CREATED);
    assertThat(memory.hasDelivery(DeliveryKey.of("other-lane"))).isTrue();
    assertThat(first).isNotDone();
    assertThat(queued).as("a delivery queued behind the held batch of its lane").isNotDone();
    assertThat(memory.hasDelivery(DeliveryKey.of("same-lane"))).isFalse();

    release.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS)).extracting(IngestResult::outcome)
        .containsExactly(IngestOutcome.CREATED);
    assertThat(queued.get(10, TimeUnit.SECONDS)).extracting(IngestResult::outcome)
        .containsExactly(IngestOutcome.CREATED);
    assertThat(memory.find(BuildId.github("o/r", sameLane))).isPresent();
  }

  @Test
  @DisplayName("when one lane finds the store unreachable, deliveries waiting behind the other lane's batch fail at once without reaching it")
  void outageFoundByOneLaneFailsTheOtherLanesQueue() throws Exception {
    CountDownLatch held = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    BuildStore failing = InterceptedStore.of(memory, (method, args) -> {
      if (method.equals("writeBatch")) {
        int call = calls.getAndIncrement();
        if (call == 0) {
          held.await(10, TimeUnit.SECONDS); // the first batch is in the store when the outage is found
        } else if (call == 1) {
          throw new dev.cicd.core.store.StoreUnavailableException("connection refused");
        }
      }
    });
    IngestionService lanes = IngestionService.create(withLanes(failing, 2), MutableClock.at("2026-05-02T00:00:00Z"));
    long first = 1;
    int heldLane = lane(first);
    CompletableFuture<List<IngestResult>> inStore = CompletableFuture.supplyAsync(
        () -> lanes.ingestDelivery(DeliveryKey.of("in-store"), List.of(GroupCommitTest.job(first, 10))));
    while (calls.get() == 0) {
      Thread.sleep(1);
    }
    long sameLane = runIn(heldLane, true, first);
    CompletableFuture<List<IngestResult>> queued = CompletableFuture.supplyAsync(
        () -> lanes.ingestDelivery(DeliveryKey.of("queued"), List.of(GroupCommitTest.job(sameLane, 20))));
    Thread.sleep(200); // queued behind the batch in the store
    long otherLane = runIn(heldLane, false, first);
    assertThatThrownBy(() -> lanes.ingestDelivery(DeliveryKey.of("finds-outage"),
        List.of(GroupCommitTest.job(otherLane, 30)))).isInstanceOf(dev.cicd.core.store.StoreUnavailableException.class);

    assertThatThrownBy(() -> queued.get(10, TimeUnit.SECONDS)).as("failed while its lane's batch is still held")
        .hasCauseInstanceOf(dev.cicd.core.store.BuildStoreException.class).hasMessageContaining("unreachable");
    assertThat(inStore).isNotDone();

    held.countDown();
    assertThat(inStore.get(10, TimeUnit.SECONDS)).extracting(IngestResult::outcome)
        .containsExactly(IngestOutcome.CREATED);
    assertThat(calls.get()).as("store writes: the held batch and the one that found the outage").isEqualTo(2);
    assertThat(memory.hasDelivery(DeliveryKey.of("queued"))).isFalse();
  }

  static BuildStore withLanes(BuildStore store, int lanes) {
    return (BuildStore) java.lang.reflect.Proxy.newProxyInstance(WriteLanesTest.class.getClassLoader(),
        new Class<?>[] {BuildStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("concurrentBatches")) {
            return lanes;
          }
          try {
            return method.invoke(store, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Test
  @DisplayName("every delivery of one build takes the same lane, and both lanes are used")
  void oneBuildOneLane() {
    for (long runId = 1; runId <= 50; runId++) {
      RunUpdate run = RunUpdate.builder(BuildId.github("o/r", runId)).workflowName("CI").build();
      assertThat(WriteLanes.laneOf(List.of(run), 2)).isEqualTo(lane(runId));
    }
    assertThat(java.util.stream.LongStream.rangeClosed(1, 50).map(r -> lane(r)).distinct().count()).isEqualTo(2);
    assertThat(WriteLanes.laneOf(List.of(GroupCommitTest.job(7, 1)), 1)).isZero();
    assertThat(WriteLanes.laneOf(List.of(), 2)).isZero();
  }

  @Test
  @DisplayName("fewer than one lane is rejected by name")
  void atLeastOneLane() {
    assertThatThrownBy(() -> new WriteLanes(0, () -> null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lanes").hasMessageContaining("0");
  }
}

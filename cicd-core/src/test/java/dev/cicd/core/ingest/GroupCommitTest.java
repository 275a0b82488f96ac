package dev.cicd.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Job;
import dev.cicd.core.store.BuildStore;
import dev.cicd.core.store.BuildStoreException;
import dev.cicd.core.store.ConcurrentBuildModificationException;
import dev.cicd.core.store.InMemoryBuildStore;
import dev.cicd.core.store.StoreUnavailableException;
import dev.cicd.core.testing.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Group commit seen from callers: one delivery (a batch of one) is held in the store while ten more arrive,
 * so that the ten are queued together and the next writer stores them as one batch. {@code batches} lists
 * the sizes of the batches after the held one.
 */
class GroupCommitTest {
  static final Instant T = Instant.parse("2026-05-01T10:00:00Z");
  static final BuildId BUILD = BuildId.github("o/r", 1);

  final InMemoryBuildStore memory = new InMemoryBuildStore();
  final List<Integer> batches = new CopyOnWriteArrayList<>();
  final AtomicInteger saves = new AtomicInteger();
  final CountDownLatch release = new CountDownLatch(1);
  final AtomicInteger batchCalls = new AtomicInteger();
  volatile CountDownLatch batchGate = new CountDownLatch(0);
  volatile RuntimeException batchFailure;
  /** Thrown by the next batch write when set: an assertion inside the database engine, say. */
  volatile Error batchError;
  volatile boolean reachable = true;
  /** Thrown by the availability check when set: a store failing in a way it does not describe. */
  volatile RuntimeException checkFailure;
  volatile long refusedRunId = -1;

  final BuildStore store = InterceptedStore.of(memory, (method, args) -> {
        switch (method) {
          case "writeBatch" -> {
            if (batchCalls.getAndIncrement() == 0) {
              release.await(10, TimeUnit.SECONDS); // the first delivery holds the writer's place
            } else {
              batches.add(((java.util.Collection<?>) args[0]).size());
              batchGate.await(10, TimeUnit.SECONDS);
              RuntimeException failure = batchFailure;
              batchFailure = null;
              if (failure != null) {
                throw failure;
              }
              Error error = batchError;
              batchError = null;
              if (error != null) {
                throw error;
              }
            }
          }
          case "save" -> {
            saves.incrementAndGet();
            if (((Build) args[0]).id().runId() == refusedRunId) {
              throw new BuildStoreException("value too long for column", null);
            }
          }
          case "checkAvailable" -> {
            if (checkFailure != null) {
              throw checkFailure;
            }
            if (!reachable) {
              throw new BuildStoreException("connection refused", null);
            }
          }
          default -> { }
        }
      });
  final List<BuildChange> changes = new CopyOnWriteArrayList<>();
  /** One lane: every delivery queues behind the held one whatever its build ({@link WriteLanesTest}: lanes). */
  final IngestionService ingestion = new IngestionService(store, MutableClock.at("2026-05-02T00:00:00Z"),
      IngestionService.DEFAULT_MAX_ATTEMPTS, System::nanoTime, 1);

  GroupCommitTest() {
    ingestion.addListener(changes::add);
  }

  static JobUpdate job(long runId, long jobId) {
    Job job = new Job(jobId, 1, "job-" + jobId, BuildStatus.QUEUED, null, T, null, null, null, null, List.of(),
        List.of(), null);
    return new JobUpdate(BuildId.github("o/r", runId), job, "CI", "main", null);
  }

  /** What one caller got: its results, or the exception it met. */
  record Outcome(List<IngestResult> results, Throwable failure) {}

  Thread first;

  /** Sends a first delivery that is held in the store, then {@code events.size()} deliveries queued behind it. */
  List<Outcome> deliverBehindAHeldOne(List<JobUpdate> events) throws Exception {
    return deliverBehindAHeldOne(events, () -> { });
  }

  List<Outcome> deliverBehindAHeldOne(List<JobUpdate> events, Runnable afterRelease) throws Exception {
    first = new Thread(() -> ingestion.ingestDelivery(DeliveryKey.of("first"), List.of(job(99, 1))));
    first.start();
    while (batchCalls.get() == 0) {
      Thread.sleep(1);
    }
    List<Outcome> outcomes = new CopyOnWriteArrayList<>(new Outcome[events.size()]);
    List<Thread> threads = deliverInThreads("d-", events, outcomes);
    release.countDown();
    afterRelease.run();
    first.join(10_000);
    for (Thread thread : threads) {
      thread.join(10_000);
    }
    return outcomes;
  }

  /** Starts one thread per event, delivering it as {@code prefix + i}; returns once all of them are queued. */
  List<Thread> deliverInThreads(String prefix, List<JobUpdate> events, List<Outcome> outcomes)
      throws InterruptedException {
    List<Runnable> calls = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      int n = i;
      calls.add(() -> {
        try {
          outcomes.set(n, new Outcome(ingestion.ingestDelivery(DeliveryKey.of(prefix + n), List.of(events.get(n))),
              null));
        } catch (RuntimeException | Error e) {
          outcomes.set(n, new Outcome(null, e));
        }
      });
    }
    return QueuedCallers.start(calls);
  }

  static List<JobUpdate> tenJobsOfOneBuild() {
    List<JobUpdate> events = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      events.add(job(1, 100 + i));
    }
    return events;
  }

  @Test
  @DisplayName("a delivery that finds the writer free is a batch of one: build and delivery record in one write")
  void loneDeliveryIsABatchOfOne() {
    release.countDown();
    List<IngestResult> results = ingestion.ingestDelivery(DeliveryKey.of("alone"), List.of(job(1, 100)));
    assertThat(results).extracting(IngestResult::outcome).containsExactly(IngestOutcome.CREATED);
    assertThat(batchCalls.get()).isEqualTo(1);
    assertThat(saves.get()).as("saves outside a batch").isZero();
    assertThat(memory.hasDelivery(DeliveryKey.of("alone"))).isTrue();
    assertThat(memory.find(BUILD).orElseThrow().version()).isEqualTo(1);
  }

  @Test
  @DisplayName("deliveries that arrive while the writer is busy are stored together, as one batch")
  void queuedDeliveriesShareOneBatch() throws Exception {
    List<Outcome> outcomes = deliverBehindAHeldOne(tenJobsOfOneBuild());
    assertThat(batches).containsExactly(10);
    assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
    assertThat(outcomes).extracting(o -> o.results().get(0).outcome())
        .containsOnlyOnce(IngestOutcome.CREATED).containsOnly(IngestOutcome.CREATED, IngestOutcome.UPDATED);
    Build stored = memory.find(BUILD).orElseThrow();
    assertThat(stored.jobs()).hasSize(10);
    assertThat(stored.version()).isEqualTo(1);
    assertThat(outcomes).allSatisfy(o -> assertThat(o.results().get(0).build().version()).isEqualTo(1));
    assertThat(changes).filteredOn(c -> c.after().id().equals(BUILD)).hasSize(10);
    assertThat(memory.hasDelivery(DeliveryKey.of("d-0")) && memory.hasDelivery(DeliveryKey.of("d-9"))).isTrue();
    assertThat(ingestion.ingestDelivery(DeliveryKey.of("d-3"), List.of(job(1, 500)))).extracting(IngestResult::outcome)
        .containsExactly(IngestOutcome.DUPLICATE);
  }

  @Test
  @DisplayName("a writer answers its own caller once its delivery is stored and leaves the queue to the next caller")
  void writerLeavesWhenItsOwnDeliveryIsStored() throws Exception {
    batchGate = new CountDownLatch(1);
    List<Outcome> outcomes = deliverBehindAHeldOne(tenJobsOfOneBuild(), () -> {
      try {
        first.join(5_000);
        assertThat(first.isAlive()).as("first caller still busy writing the others' batch").isFalse();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      } finally {
        batchGate.countDown();
      }
    });
    assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
    assertThat(batches).containsExactly(10);
    assertThat(memory.find(BUILD).orElseThrow().jobs()).hasSize(10);
  }

  @Test
  @DisplayName("a batch that lost a race with another writer is stored one delivery at a time")
  void lostRaceFallsBackToSingleDeliveries() throws Exception {
    batchFailure = new ConcurrentBuildModificationException(BUILD, 0);
    List<Outcome> outcomes = deliverBehindAHeldOne(tenJobsOfOneBuild());
    assertThat(batches).containsExactly(10);
    assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
    assertThat(memory.find(BUILD).orElseThrow().jobs()).hasSize(10);
    assertThat(saves.get()).isGreaterThanOrEqualTo(10);
  }

  @Test
  @DisplayName("a delivery the store refuses fails alone; the others of its batch are stored")
  void refusedDeliveryFailsAlone() throws Exception {
    batchFailure = new BuildStoreException("value too long for column", null);
    refusedRunId = 7;
    List<JobUpdate> events = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      events.add(job(i == 4 ? 7 : 1, 100 + i));
    }
    List<Outcome> outcomes = deliverBehindAHeldOne(events);
    assertThat(outcomes.get(4).failure()).isInstanceOf(BuildStoreException.class);
    assertThat(outcomes).filteredOn(o -> o.failure() == null).hasSize(9);
    assertThat(memory.find(BUILD).orElseThrow().jobs()).hasSize(9);
    assertThat(memory.hasDelivery(DeliveryKey.of("d-4"))).isFalse();
  }

  @Test
  @DisplayName("when the store is unreachable every delivery of the batch fails at once, without one-by-one retries")
  void unreachableStoreFailsTheBatch() throws Exception {
    batchFailure = new BuildStoreException("connection refused", null);
    reachable = false;
    int savesBefore = saves.get();
    List<Outcome> outcomes = deliverBehindAHeldOne(tenJobsOfOneBuild());
    // the store's own exception, told apart as unavailability: an inbox's merger tries such deliveries again
    assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("connection refused"));
    assertThat(saves.get() - savesBefore).as("saves after the first delivery's own").isLessThanOrEqualTo(1);
    assertThat(memory.find(BUILD)).isEmpty();
  }

  @Test
  @DisplayName("when the store is unreachable, deliveries queued behind the failing batch fail at once, untried")
  void unreachableStoreFailsWhatIsQueuedBehind() throws Exception {
    batchFailure = new BuildStoreException("connection refused", null);
    reachable = false;
    batchGate = new CountDownLatch(1);
    List<Outcome> late = new CopyOnWriteArrayList<>(new Outcome[3]);
    List<Outcome> outcomes = deliverBehindAHeldOne(tenJobsOfOneBuild(), () -> {
      try {
        while (batches.isEmpty()) {
          Thread.sleep(1); // the batch of ten is being written, held at the gate
        }
        List<Thread> threads = deliverInThreads("late-", List.of(job(2, 200), job(2, 201), job(2, 202)), late);
        batchGate.countDown();
        for (Thread thread : threads) {
          thread.join(10_000);
        }
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      } finally {
        batchGate.countDown();
      }
    });
    assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isInstanceOf(BuildStoreException.class));
    assertThat(late).allSatisfy(o -> assertThat(o.failure()).isInstanceOf(BuildStoreException.class));
    assertThat(batches).as("batches written after the held one").containsExactly(10);
    assertThat(memory.find(BuildId.github("o/r", 2))).isEmpty();
    assertThat(memory.hasDelivery(DeliveryKey.of("late-0"))).isFalse();
  }

  @Test
  @DisplayName("a store whose batch write and availability check fail with other exceptions fails every caller of "
      + "the batch as unavailable; none is left waiting")
  void anyFailureOfTheAvailabilityCheckFailsTheBatchAsUnavailable() throws Exception {
    batchFailure = new IllegalStateException("pool is closed");
    checkFailure = new IllegalStateException("pool is closed");
    List<Outcome> outcomes = deliverBehindAHeldOne(tenJobsOfOneBuild());
    assertThat(outcomes).allSatisfy(o -> {
      assertThat(o).as("a caller still waiting").isNotNull();
      assertThat(o.failure()).isInstanceOf(StoreUnavailableException.class).hasMessageContaining("pool is closed");
    });
    assertThat(memory.find(BUILD)).isEmpty();
  }

  @Test
  @DisplayName("an Error thrown by the store's batch write fails every caller of the batch; none waits forever")
  void anErrorFromTheStoreFailsEveryCallerOfTheBatch() throws Exception {
    batchError = new AssertionError("engine invariant broken");
    List<Outcome> outcomes = deliverBehindAHeldOne(tenJobsOfOneBuild());
    QueuedCallers.assertEveryCallerMetTheError(
        outcomes.stream().map(o -> o == null ? null : o.failure()).toList(), "engine invariant broken");
    assertThat(memory.find(BUILD)).isEmpty();

    List<IngestResult> after = ingestion.ingestDelivery(DeliveryKey.of("after"), List.of(job(2, 200)));
    assertThat(after).extracting(IngestResult::outcome).containsExactly(IngestOutcome.CREATED);
  }
}

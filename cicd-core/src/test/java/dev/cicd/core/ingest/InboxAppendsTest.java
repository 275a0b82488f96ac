package dev.cicd.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cicd.core.store.BuildStore;
import dev.cicd.core.store.BuildStoreException;
import dev.cicd.core.store.InMemoryBuildStore;
import dev.cicd.core.store.InboxEntry;
import dev.cicd.core.store.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Group commit of inbox appends on their writer thread: callers queued behind a held append are written together
 * and all answered, and each caller is answered by its timeout whatever the store does.
 */
class InboxAppendsTest {
  final InMemoryBuildStore memory = new InMemoryBuildStore();
  final CountDownLatch release = new CountDownLatch(1);
  final AtomicInteger appendCalls = new AtomicInteger();
  final List<Integer> batches = new CopyOnWriteArrayList<>();
  volatile Throwable batchFailure;
  volatile boolean unreachable;

  final BuildStore store = InterceptedStore.of(memory, (method, args) -> {
    if (method.equals("appendInbox")) {
      if (appendCalls.getAndIncrement() == 0) {
        release.await(10, TimeUnit.SECONDS); // the first append holds the writer's place
      } else {
        batches.add(((Collection<?>) args[0]).size());
        Throwable failure = batchFailure;
        if (failure != null) {
          throw failure;
        }
      }
      if (unreachable) {
        throw new StoreUnavailableException("connection refused", null);
      }
    }
  });
  final AtomicLong ticker = new AtomicLong();
  final InboxAppends appends = new InboxAppends(store, new StoreOutage(ticker::get));
  /** The deliveries queued for the merge, in order. */
  final List<String> merging = new CopyOnWriteArrayList<>();

  /** What one caller got: whether it appended, or what it met. */
  record Outcome(Boolean appended, Throwable failure) {}

  @Test
  @DisplayName("deliveries queued behind a held append are appended in one batch, each queued for the merge first")
  void queuedAppendsAreWrittenTogether() throws Exception {
    List<Outcome> outcomes = appendBehindAHeldOne(8);
    assertThat(batches).containsExactly(8);
    assertThat(outcomes).allSatisfy(o -> assertThat(o).isEqualTo(new Outcome(true, null)));
    assertThat(memory.inboxSize()).isEqualTo(9);
    assertThat(merging).hasSize(9).contains("first", "d-0", "d-7");
  }

  @Test
  @DisplayName("the same delivery twice in one batch is appended and queued for the merge once")
  void aDuplicateInTheBatchIsAppendedOnce() throws Exception {
    Thread first = new Thread(() -> append("first", Duration.ofSeconds(10)));
    first.start();
    awaitAppendCalls(1);
    List<Outcome> outcomes = new CopyOnWriteArrayList<>(new Outcome[2]);
    List<Thread> twice = QueuedCallers.start(List.of(
        () -> outcomes.set(0, new Outcome(append("same", Duration.ofSeconds(10)), null)),
        () -> outcomes.set(1, new Outcome(append("same", Duration.ofSeconds(10)), null))));
    release.countDown();
    for (Thread thread : twice) {
      thread.join(10_000);
    }
    assertThat(outcomes).extracting(Outcome::appended).containsExactlyInAnyOrder(true, false);
    assertThat(merging).containsExactly("first", "same");
  }

  @Test
  @DisplayName("a caller whose timeout passes while its entry waits behind a held append: 503-worthy, never appended")
  void aTimedOutCallerLeavesTheQueue() throws Exception {
    Thread first = new Thread(() -> append("first", Duration.ofSeconds(10)));
    first.start();
    awaitAppendCalls(1);

    assertThatThrownBy(() -> append("late", Duration.ofMillis(100))).isInstanceOf(InboxTimeoutException.class)
        .hasMessageContaining("within 100 ms");

    release.countDown();
    first.join(10_000);
    assertThat(append("after", Duration.ofSeconds(10))).isTrue();
    assertThat(batches).containsExactly(1);
    assertThat(memory.inboxSize()).isEqualTo(2);
    assertThat(merging).containsExactly("first", "after");
  }

  @Test
  @DisplayName("a store that hangs holds the writer, not the caller: it times out, and the entry is merged once stored")
  void aHangingStoreHoldsTheWriterNotTheCaller() throws Exception {
    List<Throwable> met = new CopyOnWriteArrayList<>();
    Thread caller = new Thread(() -> {
      try {
        append("held", Duration.ofSeconds(2));
      } catch (RuntimeException e) {
        met.add(e);
      }
    });
    caller.start();
    awaitAppendCalls(1); // the writer took it and is held in the store
    caller.join(10_000);
    assertThat(met).singleElement().isInstanceOf(InboxTimeoutException.class);
    assertThat(merging).isEmpty();

    release.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (merging.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(merging).containsExactly("held");
    assertThat(memory.inboxSize()).isEqualTo(1);
  }

  @Test
  @DisplayName("a store failure fails every caller of the batch with it")
  void aStoreFailureFailsTheBatch() throws Exception {
    batchFailure = new BuildStoreException("disk full", null);
    List<Outcome> outcomes = appendBehindAHeldOne(8);
    assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isSameAs(batchFailure));
    assertThat(memory.inboxSize()).isEqualTo(1);
    assertThat(merging).containsExactly("first");
  }

  @Test
  @DisplayName("an Error thrown by the store fails every caller of the batch with a store failure; the writer goes on")
  void anErrorFromTheStoreFailsEveryCallerOfTheBatch() throws Exception {
    batchFailure = new AssertionError("engine invariant broken");
    List<Outcome> outcomes = appendBehindAHeldOne(8);
    assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).as("a caller still waiting, or one that succeeded")
        .isInstanceOf(BuildStoreException.class).hasMessageContaining("engine invariant broken")
        .hasCauseInstanceOf(AssertionError.class));

    batchFailure = null;
    assertThat(append("after", Duration.ofSeconds(10))).isTrue();
  }

  @Test
  @DisplayName("once an append finds the store unreachable, what is queued and what follows fails at once, but for one"
      + " probe a second; the first one appended ends it")
  void anUnreachableStoreFailsAppendsFastUntilAProbeGetsThrough() throws Exception {
    unreachable = true;
    List<Outcome> outcomes = appendBehindAHeldOne(4);
    assertThat(batches).as("the four queued behind the failed append never reached the store").isEmpty();
    assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isInstanceOf(BuildStoreException.class)
        .hasMessageContaining("The store is unreachable"));
    assertThatThrownBy(() -> append("fast", Duration.ofSeconds(10))).hasMessageContaining("The store is unreachable");
    assertThat(batches).as("the next one failed at once").isEmpty();

    ticker.addAndGet(StoreOutage.PROBE_INTERVAL_NANOS);
    assertThatThrownBy(() -> append("probe", Duration.ofSeconds(10))).isInstanceOf(StoreUnavailableException.class)
        .hasMessage("connection refused");
    assertThat(batches).as("a second later, one delivery probes the store").containsExactly(1);

    unreachable = false;
    ticker.addAndGet(StoreOutage.PROBE_INTERVAL_NANOS);
    assertThat(append("probe-again", Duration.ofSeconds(10))).isTrue();
    assertThat(append("after", Duration.ofSeconds(10))).isTrue();
    assertThat(merging).containsExactly("probe-again", "after");
  }

  @Test
  @DisplayName("a delivery appended but not queued for the merge (its queue refused it) is still acknowledged: it is"
      + " durable, and the writer goes on")
  void aDeliveryTheMergeCouldNotTakeIsStillAcknowledged() {
    release.countDown();
    assertThat(appends.append(entry("refused"), () -> {
      throw new IllegalStateException("merge queue closed");
    }, Duration.ofSeconds(2))).isTrue();
    assertThat(append("after", Duration.ofSeconds(2))).isTrue();
    assertThat(memory.inboxSize()).as("both in the store's inbox, where the next start merges them").isEqualTo(2);
    assertThat(merging).containsExactly("after");
  }

  private boolean append(String deliveryId, Duration timeout) {
    return appends.append(entry(deliveryId), () -> merging.add(deliveryId), timeout);
  }

  private void awaitAppendCalls(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (appendCalls.get() < count) {
      assertThat(System.nanoTime() - deadline).as("appends that reached the store: %d, awaited %d", appendCalls.get(),
          count).isNegative();
      Thread.sleep(1);
    }
  }

  /** Appends a first entry that is held in the store, then {@code count} more from threads queued behind it. */
  private List<Outcome> appendBehindAHeldOne(int count) throws Exception {
    Thread first = new Thread(() -> {
      try {
        append("first", Duration.ofSeconds(10));
      } catch (BuildStoreException expected) {
        // the held append failed: the test looks at the callers behind it
      }
    });
    first.start();
    awaitAppendCalls(1);
    List<Outcome> outcomes = new CopyOnWriteArrayList<>(new Outcome[count]);
    List<Runnable> calls = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = i;
      calls.add(() -> {
        try {
          outcomes.set(n, new Outcome(append("d-" + n, Duration.ofSeconds(10)), null));
        } catch (RuntimeException | Error e) {
          outcomes.set(n, new Outcome(null, e));
        }
      });
    }
    List<Thread> threads = QueuedCallers.start(calls);
    release.countDown();
    first.join(10_000);
    for (Thread thread : threads) {
      thread.join(10_000);
    }
    return outcomes;
  }

  private static InboxEntry entry(String deliveryId) {
    return new InboxEntry(0, "test", new DeliveryKey("7", deliveryId), Instant.parse("2026-05-02T00:00:00Z"), "",
        "{}".getBytes(StandardCharsets.UTF_8));
  }
}

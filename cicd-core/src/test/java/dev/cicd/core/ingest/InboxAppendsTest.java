package dev.cicd.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.store.BuildStore;
import dev.cicd.core.store.BuildStoreException;
import dev.cicd.core.store.InMemoryBuildStore;
import dev.cicd.core.store.InboxEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Group commit of inbox appends: callers queued behind a held append are written together, and all answered. */
class InboxAppendsTest {
  final InMemoryBuildStore memory = new InMemoryBuildStore();
  final CountDownLatch release = new CountDownLatch(1);
  final AtomicInteger appendCalls = new AtomicInteger();
  final List<Integer> batches = new CopyOnWriteArrayList<>();
  volatile Throwable batchFailure;

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
    }
  });
  final InboxAppends appends = new InboxAppends(store);

  /** What one caller got: whether it appended, or what it met. */
  record Outcome(Boolean appended, Throwable failure) {}

  @Test
  @DisplayName("deliveries queued behind a held append are appended in one batch, each answered")
  void queuedAppendsAreWrittenTogether() throws Exception {
    List<Outcome> outcomes = appendBehindAHeldOne(8);
    assertThat(batches).containsExactly(8);
    assertThat(outcomes).allSatisfy(o -> assertThat(o).isEqualTo(new Outcome(true, null)));
    assertThat(memory.inboxSize()).isEqualTo(9);
  }

  @Test
  @DisplayName("a store failure fails every caller of the batch with it")
  void aStoreFailureFailsTheBatch() throws Exception {
    batchFailure = new BuildStoreException("disk full", null);
    List<Outcome> outcomes = appendBehindAHeldOne(8);
    assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isSameAs(batchFailure));
    assertThat(memory.inboxSize()).isEqualTo(1);
  }

  @Test
  @DisplayName("an Error thrown by the store fails every caller of the batch; none waits forever")
  void anErrorFromTheStoreFailsEveryCallerOfTheBatch() throws Exception {
    batchFailure = new AssertionError("engine invariant broken");
    List<Outcome> outcomes = appendBehindAHeldOne(8);
    QueuedCallers.assertEveryCallerMetTheError(
        outcomes.stream().map(o -> o == null ? null : o.failure()).toList(), "engine invariant broken");

    batchFailure = null;
    assertThat(appends.append(entry("after"))).isTrue();
  }

  /** Appends a first entry that is held in the store, then {@code count} more from threads queued behind it. */
  private List<Outcome> appendBehindAHeldOne(int count) throws Exception {
    Thread first = new Thread(() -> appends.append(entry("first")));
    first.start();
    while (appendCalls.get() == 0) {
      Thread.sleep(1);
    }
    List<Outcome> outcomes = new CopyOnWriteArrayList<>(new Outcome[count]);
    List<Runnable> calls = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = i;
      calls.add(() -> {
        try {
          outcomes.set(n, new Outcome(appends.append(entry("d-" + n)), null));
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

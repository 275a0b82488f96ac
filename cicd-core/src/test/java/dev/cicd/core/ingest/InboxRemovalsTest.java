package dev.cicd.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.store.BuildStore;
import dev.cicd.core.store.InMemoryBuildStore;
import dev.cicd.core.store.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class InboxRemovalsTest {
  private final AtomicBoolean failing = new AtomicBoolean(true);
  private final List<List<String>> calls = new ArrayList<>();
  private final BuildStore store = InterceptedStore.of(new InMemoryBuildStore(), (method, args) -> {
    if (method.equals("removeFromInbox")) {
      List<String> ids = new ArrayList<>();
      for (Object key : (Iterable<?>) args[0]) {
        ids.add(((DeliveryKey) key).deliveryId());
      }
      calls.add(ids);
      if (failing.get()) {
        throw new StoreUnavailableException("lock timeout (simulated)");
      }
    }
  });

  private static List<DeliveryKey> keys(String... ids) {
    return java.util.Arrays.stream(ids).map(id -> new DeliveryKey("7", id)).toList();
  }

  @Test
  void whatFailedIsRemovedWithTheNextBatchAndAtMostTheNewestKeysWait() {
    InboxRemovals removals = new InboxRemovals(store, 3, Duration.ofHours(1));
    removals.remove(keys("a", "b"));
    removals.remove(keys("c", "d"));
    failing.set(false);
    removals.remove(keys("e"));
    assertThat(calls).containsExactly(List.of("a", "b"), List.of("a", "b", "c", "d"), List.of("b", "c", "d", "e"));
    removals.remove(keys("f"));
    assertThat(calls.get(3)).as("nothing waits once removed").containsExactly("f");
  }

  @Test
  void anIdleRetryWaitsItsPauseAfterTheFailure() throws InterruptedException {
    InboxRemovals removals = new InboxRemovals(store, 10, Duration.ofMillis(200));
    removals.remove(keys("a"));
    failing.set(false);
    removals.retry();
    assertThat(calls).as("tried again before the pause passed").hasSize(1);
    Thread.sleep(250);
    removals.retry();
    assertThat(calls).containsExactly(List.of("a"), List.of("a"));
    removals.retry();
    assertThat(calls).as("nothing left to retry").hasSize(2);
  }
}

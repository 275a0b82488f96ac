package dev.cicd.core.store;

import static dev.cicd.core.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cicd.core.ingest.DeliveryKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The webhook inbox, for stores that {@linkplain BuildStore#keepsInbox() keep one} (skipped for others). */
abstract class InboxContract {
  abstract BuildStore store();

  @BeforeEach
  void onlyStoresWithAnInbox() {
    assumeTrue(store().keepsInbox(), "this store keeps no inbox");
  }

  static InboxEntry entry(DeliveryKey key, byte[] body) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("x-github-delivery", List.of(key.deliveryId()));
    headers.put("x-github-event", List.of("workflow_job"));
    headers.put("accept", List.of("*/*", "application/json"));
    return new InboxEntry(0, "github", key, T0.plusMillis(123), InboxEntry.encodeHeaders(headers), body);
  }

  static InboxEntry entry(String deliveryId) {
    return entry(new DeliveryKey("hook-1", deliveryId), ("{\"id\":\"" + deliveryId + "\"}").getBytes());
  }

  @Test
  @DisplayName("appended entries read back whole, oldest first, each with its own increasing id")
  void appendAndRead() {
    byte[] everyByte = new byte[256];
    for (int i = 0; i < everyByte.length; i++) {
      everyByte[i] = (byte) i;
    }
    byte[] large = new byte[1 << 20];
    new Random(7).nextBytes(large);
    List<InboxEntry> entries = List.of(entry(DeliveryKey.of("no-hook"), everyByte), entry("b"),
        entry(new DeliveryKey("hook-2", "large"), large));
    assertThat(store().appendInbox(entries)).containsExactlyInAnyOrderElementsOf(
        entries.stream().map(InboxEntry::key).toList());
    assertThat(store().inboxSize()).isEqualTo(3);
    List<InboxEntry> read = store().readInbox(0, 10);
    assertThat(read).extracting(InboxEntry::key).containsExactlyElementsOf(entries.stream().map(InboxEntry::key).toList());
    for (int i = 0; i < read.size(); i++) {
      InboxEntry got = read.get(i);
      assertThat(got.id()).isPositive();
      assertThat(got.provider()).isEqualTo("github");
      assertThat(got.receivedAt()).isEqualTo(entries.get(i).receivedAt());
      assertThat(InboxEntry.decodeHeaders(got.headers())).isEqualTo(InboxEntry.decodeHeaders(entries.get(i).headers()));
      assertThat(got.body()).isEqualTo(entries.get(i).body());
    }
    assertThat(read).extracting(InboxEntry::id).isSorted().doesNotHaveDuplicates();
  }

  @Test
  @DisplayName("reads page by id")
  void pages() {
    List<InboxEntry> entries = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      entries.add(entry("page-" + i));
    }
    store().appendInbox(entries.subList(0, 4));
    store().appendInbox(entries.subList(4, 7));
    List<InboxEntry> first = store().readInbox(0, 3);
    List<InboxEntry> second = store().readInbox(first.get(2).id(), 3);
    List<InboxEntry> third = store().readInbox(second.get(2).id(), 3);
    assertThat(first).extracting(e -> e.key().deliveryId()).containsExactly("page-0", "page-1", "page-2");
    assertThat(second).extracting(e -> e.key().deliveryId()).containsExactly("page-3", "page-4", "page-5");
    assertThat(third).extracting(e -> e.key().deliveryId()).containsExactly("page-6");
    assertThat(store().readInbox(third.get(0).id(), 3)).isEmpty();
  }

  @Test
  @DisplayName("a delivery in the inbox, in the delivery log, or twice in one append is appended once")
  void duplicates() {
    assertThat(store().appendInbox(List.of(entry("first")))).hasSize(1);
    assertThat(store().recordDelivery(new DeliveryKey("hook-1", "merged"), T0)).isTrue();
    Set<DeliveryKey> appended = store().appendInbox(List.of(entry("first"), entry("merged"), entry("new"),
        entry("new"), entry(DeliveryKey.of("first"), new byte[1])));
    assertThat(appended).containsExactlyInAnyOrder(new DeliveryKey("hook-1", "new"), DeliveryKey.of("first"));
    assertThat(store().inboxSize()).isEqualTo(3);
    assertThat(store().readInbox(0, 10)).extracting(InboxEntry::key).containsExactly(
        new DeliveryKey("hook-1", "first"), new DeliveryKey("hook-1", "new"), DeliveryKey.of("first"));
  }

  @Test
  @DisplayName("removing takes merged entries out; unknown keys are ignored; a removed delivery stays out once recorded")
  void remove() {
    store().appendInbox(List.of(entry("a"), entry("b"), entry("c")));
    store().removeFromInbox(List.of(new DeliveryKey("hook-1", "a"), new DeliveryKey("hook-1", "c"),
        DeliveryKey.of("unknown")));
    assertThat(store().readInbox(0, 10)).extracting(e -> e.key().deliveryId()).containsExactly("b");
    assertThat(store().inboxSize()).isEqualTo(1);
    store().removeFromInbox(List.of());
    store().recordDelivery(new DeliveryKey("hook-1", "a"), T0);
    assertThat(store().appendInbox(List.of(entry("a")))).isEmpty();
    assertThat(store().inboxSize()).isEqualTo(1);
  }

  @Test
  @DisplayName("of concurrent appends of one delivery exactly one appends it")
  void concurrentAppends() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int r = 0; r < 5; r++) {
        int round = r;
        List<Callable<Set<DeliveryKey>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          int own = i;
          String shared = "shared-" + round;
          calls.add(() -> store().appendInbox(List.of(entry("own-" + round + "-" + own), entry(shared))));
        }
        int sharedAppends = 0;
        Set<DeliveryKey> all = new HashSet<>();
        for (Future<Set<DeliveryKey>> result : pool.invokeAll(calls)) {
          Set<DeliveryKey> keys = result.get();
          all.addAll(keys);
          sharedAppends += keys.contains(new DeliveryKey("hook-1", "shared-" + round)) ? 1 : 0;
        }
        assertThat(sharedAppends).as("appends of the shared delivery in round %d", round).isEqualTo(1);
        assertThat(all).hasSize(9);
      }
      assertThat(store().inboxSize()).isEqualTo(45);
    } finally {
      pool.shutdownNow();
    }
  }
}

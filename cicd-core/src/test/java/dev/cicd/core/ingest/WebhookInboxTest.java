package dev.cicd.core.ingest;

import static dev.cicd.core.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.health.HealthStatus;
import dev.cicd.core.source.InvalidWebhookSignatureException;
import dev.cicd.core.source.WebhookDelivery;
import dev.cicd.core.source.WebhookKind;
import dev.cicd.core.source.WebhookReceiver;
import dev.cicd.core.source.WebhookRequest;
import dev.cicd.core.store.BuildStore;
import dev.cicd.core.store.BuildStoreException;
import dev.cicd.core.store.Fixtures;
import dev.cicd.core.store.InMemoryBuildStore;
import dev.cicd.core.store.InboxEntry;
import dev.cicd.core.store.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookInboxTest {
  private static final String REPO = "octo-org/inbox";
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** Parses "runId conclusion" bodies; a body starting with "forged" fails its signature check. */
  private static final WebhookReceiver RECEIVER = new WebhookReceiver() {
    @Override
    public String provider() {
      return "test";
    }

    @Override
    public WebhookDelivery receive(WebhookRequest request) {
      String body = new String(request.body(), StandardCharsets.UTF_8);
      if (body.startsWith("forged")) {
        throw new InvalidWebhookSignatureException("bad signature");
      }
      String[] parts = body.split(" ");
      DeliveryKey key = new DeliveryKey(request.header("x-hook"), request.header("x-delivery"));
      if (parts[0].equals("ping")) {
        return WebhookDelivery.ignored(key, "ping", null);
      }
      ProviderEvent event = Fixtures.completed(REPO, Long.parseLong(parts[0]), 1,
          Conclusion.valueOf(parts[1]), T0, 60);
      return new WebhookDelivery(WebhookKind.EVENTS, key, "workflow_run", "completed", List.of(event), null);
    }
  };

  private final List<WebhookInbox> inboxes = new ArrayList<>();

  @AfterEach
  void close() {
    inboxes.forEach(WebhookInbox::close);
  }

  private WebhookInbox inbox(BuildStore store, InboxSettings settings) {
    WebhookInbox inbox = WebhookInbox.create(IngestionService.create(store), settings,
        p -> p.equals("test") ? Optional.of(RECEIVER) : Optional.empty());
    inboxes.add(inbox);
    return inbox;
  }

  private WebhookInbox inbox(BuildStore store, Clock clock) {
    WebhookInbox inbox = new WebhookInbox(IngestionService.create(store), clock, InboxSettings.defaults(),
        p -> p.equals("test") ? Optional.of(RECEIVER) : Optional.empty());
    inboxes.add(inbox);
    return inbox;
  }

  private static WebhookRequest request(String deliveryId, String body) {
    return new WebhookRequest(Map.of("x-hook", List.of("7"), "x-delivery", List.of(deliveryId),
        "X-Signature", List.of("sha256=ab"), "Authorization", List.of("Bearer do-not-store"),
        "Cookie", List.of("session=do-not-store")), body.getBytes(StandardCharsets.UTF_8));
  }

  /** Accepts, retrying (as GitHub's redelivery would) while the store is known to be unreachable. */
  private static boolean acceptOnceAdmitted(WebhookInbox inbox, String deliveryId, String body)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      try {
        return accept(inbox, deliveryId, body);
      } catch (BuildStoreException e) {
        if (!e.getMessage().startsWith("The store is unreachable") || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  private static boolean accept(WebhookInbox inbox, String deliveryId, String body) {
    WebhookRequest request = request(deliveryId, body);
    return inbox.accept("test", request, RECEIVER.receive(request), Duration.ofSeconds(10));
  }

  @Test
  void acknowledgesOnceStoredRawAndMergesBehind() throws Exception {
    InMemoryBuildStore store = new InMemoryBuildStore();
    WebhookInbox inbox = inbox(store, InboxSettings.defaults());
    assertThat(accept(inbox, "d1", "1 SUCCESS")).isTrue();
    assertThat(accept(inbox, "d2", "1 FAILURE")).isTrue();
    assertThat(accept(inbox, "d1", "1 SUCCESS")).as("a redelivery waiting in the inbox").isFalse();
    assertThat(store.inboxSize()).isEqualTo(2);
    assertThat(store.readInbox(0, 1).get(0).headers()).as("headers kept, credentials not")
        .contains("x-delivery: d1", "x-signature: sha256=ab").doesNotContain("do-not-store");
    assertThat(store.count()).as("nothing merged before start").isZero();
    assertThat(inbox.status().backlog()).isEqualTo(2);

    inbox.start();
    assertThat(inbox.awaitMerged(WAIT)).isTrue();
    assertThat(store.find(BuildId.github(REPO, 1))).hasValueSatisfying(
        b -> assertThat(b.latestAttempt().status()).isEqualTo(BuildStatus.COMPLETED));
    assertThat(store.inboxSize()).isZero();
    assertThat(store.hasDelivery(new DeliveryKey("7", "d1"))).isTrue();
    assertThat(store.hasDelivery(new DeliveryKey("7", "d2"))).isTrue();
    assertThat(accept(inbox, "d2", "1 FAILURE")).as("a redelivery of a merged delivery").isFalse();
    assertThat(inbox.status().merged()).isEqualTo(2);
    assertThat(inbox.health().status()).isEqualTo(HealthStatus.UP);
  }

  @Test
  void concurrentDeliveriesAreEachAcknowledgedOnceAndAllMerged() throws Exception {
    InMemoryBuildStore store = new InMemoryBuildStore();
    WebhookInbox inbox = inbox(store, InboxSettings.defaults().withMergeBatch(50));
    inbox.start();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        int n = i % 1_000; // every delivery twice
        results.add(pool.submit(() -> accept(inbox, "d" + n, (n % 300) + " SUCCESS")));
      }
      int accepted = 0;
      for (Future<Boolean> result : results) {
        accepted += result.get() ? 1 : 0;
      }
      assertThat(accepted).isEqualTo(1_000);
    } finally {
      pool.shutdownNow();
    }
    assertThat(inbox.awaitMerged(WAIT)).isTrue();
    assertThat(store.count()).isEqualTo(300);
    assertThat(store.inboxSize()).isZero();
    assertThat(inbox.status().merged()).isEqualTo(1_000);
  }

  @Test
  void aRestartMergesWhatWasAcknowledgedAndNotMerged() throws Exception {
    InMemoryBuildStore store = new InMemoryBuildStore();
    WebhookInbox before = inbox(store, InboxSettings.defaults());
    accept(before, "d1", "1 SUCCESS");
    accept(before, "d2", "2 FAILURE");
    // Left by an earlier run: one whose signature no longer checks (a rotated secret), one without events.
    store.appendInbox(List.of(raw("d3", "forged 3"), raw("p", "ping")));
    before.close(); // stopped (or killed) before merging

    WebhookInbox after = inbox(store, InboxSettings.defaults());
    after.start();
    assertThat(after.awaitMerged(WAIT)).isTrue();
    assertThat(store.find(BuildId.github(REPO, 1))).isPresent();
    assertThat(store.find(BuildId.github(REPO, 2))).isPresent();
    assertThat(store.readInbox(0, 10)).extracting(e -> e.key().deliveryId())
        .as("the forged one stays, the one without events leaves").containsExactly("d3");
    assertThat(after.status().merged()).isEqualTo(2);
  }

  @Test
  void aRestartMergesWhatWasLeftEvenWhenTheClockWentBack() throws Exception {
    InMemoryBuildStore store = new InMemoryBuildStore();
    WebhookInbox before = inbox(store, Clock.fixed(T0.plus(Duration.ofHours(1)), ZoneOffset.UTC));
    accept(before, "d1", "1 SUCCESS");
    accept(before, "d2", "2 FAILURE");
    before.close();

    // The machine's clock was stepped back (NTP after a resumed VM): the restart's clock reads an hour earlier than
    // the instants the run before stored with its deliveries.
    WebhookInbox after = inbox(store, Clock.fixed(T0, ZoneOffset.UTC));
    after.start();
    assertThat(after.awaitMerged(WAIT)).isTrue();
    assertThat(store.find(BuildId.github(REPO, 1))).isPresent();
    assertThat(store.find(BuildId.github(REPO, 2))).isPresent();
    assertThat(store.inboxSize()).isZero();
    assertThat(after.status().merged()).isEqualTo(2);
  }

  @Test
  void whatThisProcessQueuedIsMergedOnceAlthoughRecoveryReadsItToo() throws Exception {
    InMemoryBuildStore store = new InMemoryBuildStore();
    store.appendInbox(List.of(raw("d0", "3 SUCCESS"))); // left by an earlier run
    // Accepted before the merge starts, with a clock far behind the stored entry's: recovery finds these in the
    // store's inbox too, and must neither merge them a second time nor take them for an earlier run's.
    WebhookInbox inbox = inbox(store, Clock.fixed(T0.minus(Duration.ofDays(1)), ZoneOffset.UTC));
    accept(inbox, "d1", "1 SUCCESS");
    accept(inbox, "d2", "2 FAILURE");
    inbox.start();
    assertThat(inbox.awaitMerged(WAIT)).isTrue();
    assertThat(store.count()).isEqualTo(3);
    assertThat(store.inboxSize()).isZero();
    assertThat(inbox.status().merged()).as("each delivery merged once").isEqualTo(3);
  }

  @Test
  void mergedDeliveriesTheStoreFailedToRemoveFromItsInboxAreRemovedLaterWithoutARestart() throws Exception {
    InMemoryBuildStore memory = new InMemoryBuildStore();
    AtomicInteger removals = new AtomicInteger();
    BuildStore store = InterceptedStore.of(memory, (method, args) -> {
      if (method.equals("removeFromInbox") && removals.incrementAndGet() == 1) {
        throw new StoreUnavailableException("lock timeout (simulated)");
      }
    });
    WebhookInbox inbox = inbox(store, InboxSettings.defaults());
    for (int i = 0; i < 3; i++) {
      accept(inbox, "d" + i, i + " SUCCESS");
    }
    inbox.start();
    assertThat(inbox.awaitMerged(WAIT)).isTrue();
    assertThat(memory.count()).isEqualTo(3);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (memory.inboxSize() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(memory.inboxSize()).as("inbox entries left, %d removals tried", removals.get()).isZero();
    assertThat(removals.get()).isEqualTo(2);
    assertThat(inbox.status().merged()).isEqualTo(3);
  }

  private static InboxEntry raw(String deliveryId, String body) {
    return new InboxEntry(0, "test", new DeliveryKey("7", deliveryId), T0,
        InboxEntry.encodeHeaders(request(deliveryId, body).headers()), body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void refusesPastTheBacklogLimit() {
    WebhookInbox inbox = inbox(new InMemoryBuildStore(), InboxSettings.defaults().withMaxBacklog(2));
    accept(inbox, "d1", "1 SUCCESS");
    accept(inbox, "d2", "2 SUCCESS");
    assertThatThrownBy(() -> accept(inbox, "d3", "3 SUCCESS")).isInstanceOf(InboxFullException.class)
        .hasMessageContaining("2 deliveries not merged");
  }

  @Test
  void waitsOutAStoreOutageAndMergesEverythingAcknowledged() throws Exception {
    InMemoryBuildStore memory = new InMemoryBuildStore();
    AtomicBoolean down = new AtomicBoolean();
    AtomicInteger refused = new AtomicInteger();
    BuildStore store = InterceptedStore.of(memory, (method, args) -> {
      if (down.get() && List.of("writeBatch", "checkAvailable", "count", "find").contains(method)) {
        refused.incrementAndGet();
        throw new StoreUnavailableException("database unreachable (simulated)");
      }
    });
    WebhookInbox inbox = inbox(store, InboxSettings.defaults().withMaxLag(Duration.ofMillis(300)));
    inbox.start();
    down.set(true);
    for (int i = 0; i < 20; i++) {
      assertThat(accept(inbox, "d" + i, i + " SUCCESS")).isTrue();
    }
    while (refused.get() < 2) {
      Thread.sleep(10);
    }
    Thread.sleep(400);
    assertThat(inbox.status().backlog()).isEqualTo(20);
    assertThat(inbox.health().status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(inbox.health().problem()).contains("20 deliveries wait");
    down.set(false);
    assertThat(inbox.awaitMerged(WAIT)).isTrue();
    assertThat(memory.count()).isEqualTo(20);
    assertThat(memory.inboxSize()).isZero();
    assertThat(inbox.status().failed()).isZero();
  }

  @Test
  void deliveriesArrivingWithinTheLingerMergeInOneTransaction() throws Exception {
    InMemoryBuildStore memory = new InMemoryBuildStore();
    AtomicInteger batches = new AtomicInteger();
    BuildStore store = InterceptedStore.of(memory, (method, args) -> {
      if (method.equals("writeBatch")) {
        batches.incrementAndGet();
      }
    });
    WebhookInbox inbox = inbox(store, InboxSettings.defaults());
    inbox.start();
    assertThat(inbox.awaitMerged(WAIT)).isTrue();
    for (int i = 0; i < 10; i++) {
      accept(inbox, "d" + i, (i % 3) + " SUCCESS");
      Thread.sleep(4); // arriving one by one, as webhooks do: without the linger each would be a batch
    }
    assertThat(inbox.awaitMerged(WAIT)).isTrue();
    assertThat(memory.count()).isEqualTo(3);
    assertThat(batches.get()).as("merge transactions for 10 deliveries within %s", InboxMerger.LINGER)
        .isBetween(1, 3);
  }

  @Test
  void aFailureOfAnyKindPutsTheBatchBackAndTheBacklogStaysExact() throws Exception {
    AtomicInteger checks = new AtomicInteger();
    // Not a BuildStoreException: what a driver or pool may throw that no mapping foresaw.
    mergesAllAfterAFirstWriteFails(new IllegalStateException("connection pool shut down (simulated)"),
        (method, args) -> {
          if (method.equals("checkAvailable") && checks.incrementAndGet() == 1) {
            throw new IllegalStateException("connection pool shut down (simulated)");
          }
        });
  }

  @Test
  void anErrorFromTheStoreWhileMergingPutsTheBatchBackAndTheMergerGoesOn() throws Exception {
    // An assertion inside the database engine: before, it ended the merger's thread, and nothing merged again.
    mergesAllAfterAFirstWriteFails(new AssertionError("engine invariant broken (simulated)"), (method, args) -> { });
  }

  /** Five deliveries whose first batch write throws {@code failure}: all are merged once, none counts failed. */
  private void mergesAllAfterAFirstWriteFails(Throwable failure, InterceptedStore.Hook otherwise) throws Exception {
    InMemoryBuildStore memory = new InMemoryBuildStore();
    AtomicInteger writes = new AtomicInteger();
    BuildStore store = InterceptedStore.of(memory, (method, args) -> {
      if (method.equals("writeBatch") && writes.incrementAndGet() == 1) {
        throw failure;
      }
      otherwise.before(method, args);
    });
    WebhookInbox inbox = inbox(store, InboxSettings.defaults());
    for (int i = 0; i < 5; i++) {
      accept(inbox, "d" + i, i + " SUCCESS");
    }
    inbox.start();
    assertThat(inbox.awaitMerged(WAIT)).as("backlog %s", inbox.status()).isTrue();
    assertThat(writes.get()).isGreaterThan(1);
    assertThat(memory.count()).isEqualTo(5);
    assertThat(memory.inboxSize()).isZero();
    assertThat(inbox.status().merged()).isEqualTo(5);
    assertThat(inbox.status().failed()).isZero();
  }

  @Test
  void aDeliveryTheStoreKeepsCallingUnavailableWhileItAnswersCountsAsFailedAfterAFewTries() throws Exception {
    InMemoryBuildStore memory = new InMemoryBuildStore();
    AtomicInteger poisonedWrites = new AtomicInteger();
    BuildStore store = InterceptedStore.of(memory, (method, args) -> {
      DeliveryKey poison = new DeliveryKey("7", "poison");
      if (method.equals("writeBatch") && ((java.util.Collection<?>) args[0]).contains(poison)) {
        poisonedWrites.incrementAndGet();
        throw new StoreUnavailableException("pool timed out (simulated)");
      }
    });
    WebhookInbox inbox = inbox(store, InboxSettings.defaults());
    inbox.start();
    accept(inbox, "poison", "1 SUCCESS");
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (inbox.status().failed() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(inbox.status().failed()).as("status %s", inbox.status()).isEqualTo(1);
    assertThat(poisonedWrites.get()).isEqualTo(InboxMerger.UNAVAILABLE_TRIES);
    // The merge's failures opened the breaker the appends share: refused at once until a probe gets through.
    assertThat(acceptOnceAdmitted(inbox, "d2", "2 SUCCESS")).isTrue();
    assertThat(inbox.awaitMerged(WAIT)).as("backlog %s", inbox.status()).isTrue();
    assertThat(inbox.status().merged()).isEqualTo(1);
    assertThat(memory.count()).isEqualTo(1);
    assertThat(memory.inboxSize()).as("the failed delivery waits for the next start").isEqualTo(1);
  }

  @Test
  void settingsRefuseBadValuesByName() {
    assertThatThrownBy(() -> InboxSettings.defaults().withMaxBacklog(0)).hasMessageContaining("maxBacklog");
    assertThatThrownBy(() -> InboxSettings.defaults().withMergeBatch(0)).hasMessageContaining("mergeBatch");
    assertThatThrownBy(() -> InboxSettings.defaults().withMaxLag(Duration.ZERO)).hasMessageContaining("maxLag");
  }
}

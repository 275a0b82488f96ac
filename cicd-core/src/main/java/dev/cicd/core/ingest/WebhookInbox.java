package dev.cicd.core.ingest;

import dev.cicd.core.health.ComponentHealth;
import dev.cicd.core.health.HealthIndicator;
import dev.cicd.core.health.HealthStatus;
import dev.cicd.core.source.WebhookDelivery;
import dev.cicd.core.source.WebhookReceiver;
import dev.cicd.core.source.WebhookRequest;
import dev.cicd.core.store.BuildStore;
import dev.cicd.core.store.InboxEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactional inbox of webhook deliveries: a delivery is acknowledged once its raw form is stored
 * ({@link BuildStore#appendInbox}, group-committed with the deliveries that arrive at the same time) and merged
 * into builds behind, in batches of hundreds, by one thread ({@link InboxMerger}). A redelivery of a delivery in
 * the inbox or already merged is a duplicate. What is acknowledged and not merged when the process stops stays in
 * the store's inbox: {@link #start()} parses it again with the provider's receiver and merges it first. Builds
 * therefore show a delivery shortly after its 2xx, not at it; {@link #status()} and the health report tell the lag.
 */
public final class WebhookInbox implements HealthIndicator, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookInbox.class);
  private static final int RECOVERY_PAGE = 500;
  private static final Duration RETRY = Duration.ofSeconds(1);
  /** Request headers never stored (names as {@link WebhookRequest} keeps them: lower case). */
  private static final List<String> CREDENTIALS = List.of("authorization", "proxy-authorization", "cookie");

  private final BuildStore store;
  private final Clock clock;
  private final InboxSettings settings;
  private final Function<String, Optional<WebhookReceiver>> receivers;
  private final InboxAppends appends;
  private final InboxMerger merger;
  private @Nullable Thread thread;
  private volatile boolean running;
  /** Until what an earlier run left in the store's inbox is queued. */
  private volatile boolean recovering = true;

  WebhookInbox(IngestionService ingestion, Clock clock, InboxSettings settings,
      Function<String, Optional<WebhookReceiver>> receivers) {
    this.store = ingestion.store();
    if (!store.keepsInbox() || !store.writesBatches()) {
      throw new IllegalArgumentException("the store " + store + " keeps no webhook inbox (keepsInbox, writesBatches)");
    }
    this.clock = clock;
    this.settings = Objects.requireNonNull(settings, "settings");
    this.receivers = Objects.requireNonNull(receivers, "receivers");
    this.appends = new InboxAppends(store, Objects.requireNonNull(ingestion.outage(), "outage"));
    this.merger = new InboxMerger(store, ingestion.newLane(), settings.mergeBatch());
  }

  /**
   * An inbox merging into {@code ingestion}'s store; {@code receivers} parse what a restart finds in the store's
   * inbox, by provider key. Nothing merges until {@link #start()}.
   *
   * @throws IllegalArgumentException when the store keeps no inbox
   */
  public static WebhookInbox create(IngestionService ingestion, InboxSettings settings,
      Function<String, Optional<WebhookReceiver>> receivers) {
    return new WebhookInbox(ingestion, Clock.systemUTC(), settings, receivers);
  }

  /**
   * Stores the delivery's raw form durably and queues its events for the merge, waiting at most {@code timeout}
   * for the store.
   *
   * @param delivery the receiver's parse of {@code request}, of kind {@link dev.cicd.core.source.WebhookKind#EVENTS}
   *     with a delivery key
   * @return true when accepted now, false when it is a duplicate (in the inbox or merged already)
   * @throws InboxFullException when {@link InboxSettings#maxBacklog()} deliveries wait for the merge
   * @throws InboxTimeoutException when the store did not answer within {@code timeout}: not acknowledged, though
   *     the delivery may still be stored and merged afterwards
   * @throws dev.cicd.core.store.BuildStoreException when the store fails; nothing was acknowledged
   */
  public boolean accept(String provider, WebhookRequest request, WebhookDelivery delivery, Duration timeout) {
    DeliveryKey key = Objects.requireNonNull(delivery.key(), "the delivery has no key");
    long backlog = merger.backlog();
    if (backlog >= settings.maxBacklog()) {
      throw new InboxFullException(backlog);
    }
    Instant now = clock.instant();
    InboxEntry entry = new InboxEntry(0, provider, key, now, InboxEntry.encodeHeaders(kept(request)), request.body());
    // Queued on the append's writer, before this returns, and once even when the start's recovery read it first.
    return appends.append(entry, () -> merger.enqueue(new InboxMerger.Queued(key, delivery.events(), now)), timeout);
  }

  /**
   * The headers kept with the raw body: all but credentials, which a webhook never needs and a proxy or client may
   * add (the signature header is no secret: it proves only this body).
   */
  private static Map<String, List<String>> kept(WebhookRequest request) {
    Map<String, List<String>> kept = new LinkedHashMap<>(request.headers());
    CREDENTIALS.forEach(kept::remove);
    return kept;
  }

  /** Merges what an earlier run left in the store's inbox, then what arrives, on a thread of its own. Idempotent. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    merger.rearm();
    Thread merging = new Thread(this::run, "cicd-inbox-merger");
    merging.setDaemon(true);
    thread = merging;
    merging.start();
  }

  /**
   * Stops merging after the batch at work (waiting at most 10 s for it; the thread is not interrupted, which
   * could break an embedded database's file under a write); what is not merged stays in the store's inbox for
   * the next start.
   */
  @Override
  public synchronized void close() {
    running = false;
    merger.wake();
    Thread merging = thread;
    if (merging != null) {
      try {
        merging.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    thread = null;
  }

  public InboxStatus status() {
    return merger.status();
  }

  /**
   * Waits until nothing acknowledged waits for the merge, what an earlier run left included (so only once
   * started); @return whether that happened within {@code timeout}.
   */
  public boolean awaitMerged(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (recovering || merger.backlog() > 0) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  @Override
  public String name() {
    return "inbox";
  }

  @Override
  public ComponentHealth health() {
    InboxStatus status = status();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("backlog", status.backlog());
    details.put("merged", status.merged());
    details.put("failed", status.failed());
    details.put("recovering", running && recovering);
    Duration lag = status.oldest() == null ? Duration.ZERO : Duration.between(status.oldest(), clock.instant());
    details.put("lagMillis", Math.max(0, lag.toMillis()));
    if (!running) {
      return new ComponentHealth(HealthStatus.DEGRADED, "not merging (not started)", details);
    }
    if (lag.compareTo(settings.maxLag()) > 0 || status.backlog() >= settings.maxBacklog()) {
      return new ComponentHealth(HealthStatus.DEGRADED, "the merge lags " + lag.toSeconds() + " s behind ("
          + status.backlog() + " deliveries wait)", details);
    }
    return ComponentHealth.up(details);
  }

  private void run() {
    try {
      InboxRecovery recovery = new InboxRecovery(store, receivers, merger, RECOVERY_PAGE, () -> running);
      while (running && recovering) {
        try {
          recovery.recover();
          recovering = !running;
        } catch (RuntimeException e) {
          LOG.error("Reading what the webhook inbox held at start failed; trying again in {}", RETRY, e);
          merger.pause(RETRY);
        }
      }
      while (running) {
        try {
          merger.mergeNext(Duration.ofMillis(200));
        } catch (RuntimeException e) {
          LOG.error("The webhook inbox's merge failed; trying again in {}", RETRY, e);
          merger.pause(RETRY);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

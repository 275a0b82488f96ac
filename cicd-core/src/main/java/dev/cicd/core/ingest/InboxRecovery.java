package dev.cicd.core.ingest;

import dev.cicd.core.source.InvalidWebhookSignatureException;
import dev.cicd.core.source.WebhookDelivery;
import dev.cicd.core.source.WebhookKind;
import dev.cicd.core.source.WebhookReceiver;
import dev.cicd.core.source.WebhookRequest;
import dev.cicd.core.store.BuildStore;
import dev.cicd.core.store.BuildStoreException;
import dev.cicd.core.store.InboxEntry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges what the store's inbox held when merging started: deliveries acknowledged before a crash or a stop and
 * not merged since. What this process queued itself is skipped by its key, not by when it was received (a clock
 * stepped back must not hide an earlier run's deliveries). Each is parsed again by its provider's receiver (which
 * checks its signature again) and merged as if it had just arrived; one that cannot be parsed any more stays in the
 * inbox, logged. Reads page by page and merges as it goes, so memory stays bounded whatever the inbox holds; waits
 * while the store cannot be reached.
 */
final class InboxRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(InboxRecovery.class);
  private static final Duration RETRY = Duration.ofSeconds(2);

  private final BuildStore store;
  private final Function<String, Optional<WebhookReceiver>> receivers;
  private final InboxMerger merger;
  private final int page;
  private final BooleanSupplier running;

  InboxRecovery(BuildStore store, Function<String, Optional<WebhookReceiver>> receivers, InboxMerger merger,
      int page, BooleanSupplier running) {
    this.running = running;
    this.store = store;
    this.receivers = receivers;
    this.merger = merger;
    this.page = page;
  }

  /** @return how many deliveries it queued for the merge */
  int recover() throws InterruptedException {
    long after = 0;
    int recovered = 0;
    while (running.getAsBoolean()) {
      List<InboxEntry> entries = read(after);
      if (entries.isEmpty()) {
        break;
      }
      for (InboxEntry entry : entries) {
        after = entry.id();
        if (!merger.isQueued(entry.key()) && requeue(entry)) {
          recovered++;
        }
      }
      while (merger.backlog() > page && running.getAsBoolean()) {
        merger.mergeNext(Duration.ZERO);
      }
    }
    if (recovered > 0) {
      LOG.info("Queued {} webhook deliveries acknowledged before this start and not merged yet", recovered);
    }
    return recovered;
  }

  private List<InboxEntry> read(long after) throws InterruptedException {
    while (true) {
      try {
        return store.readInbox(after, page);
      } catch (BuildStoreException e) {
        if (!running.getAsBoolean()) {
          return List.of();
        }
        LOG.warn("Cannot read the webhook inbox ({}); trying again in {}", e.getMessage(), RETRY);
        merger.pause(RETRY);
      }
    }
  }

  private boolean requeue(InboxEntry entry) {
    Optional<WebhookReceiver> receiver = receivers.apply(entry.provider());
    if (receiver.isEmpty()) {
      LOG.error("Webhook delivery {} in the inbox is from provider {}, which has no webhook receiver now; it stays "
          + "in the inbox", entry.key().asString(), entry.provider());
      return false;
    }
    WebhookDelivery delivery;
    try {
      delivery = receiver.get().receive(new WebhookRequest(InboxEntry.decodeHeaders(entry.headers()), entry.body()));
    } catch (InvalidWebhookSignatureException | IllegalArgumentException e) {
      LOG.error("Webhook delivery {} in the inbox cannot be read again ({}); it stays in the inbox",
          entry.key().asString(), e.getMessage());
      return false;
    }
    if (delivery.kind() != WebhookKind.EVENTS) {
      LOG.warn("Webhook delivery {} in the inbox carries no events now ({}); removed", entry.key().asString(),
          delivery.problem());
      store.removeFromInbox(List.of(entry.key()));
      return false;
    }
    // False when this process acknowledged it between the check above and now: queued once either way.
    return merger.enqueue(new InboxMerger.Queued(entry.key(), delivery.events(), entry.receivedAt()));
  }
}

package dev.cicd.core.ingest;

import dev.cicd.core.store.BuildStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes merged deliveries from the store's inbox for the {@link InboxMerger} (its thread only). A removal that
 * fails is tried again with the next batch's, or when the merger is idle ({@link #IDLE_RETRY} after the failure),
 * so that one failed delete does not keep merged deliveries in the store's inbox until the next start (which would
 * merge them again as duplicates: harmless, but the inbox would not empty although everything is merged). At most
 * {@link #MAX_KEPT} keys wait; beyond that the oldest are left for the next start.
 */
final class InboxRemovals {
  static final int MAX_KEPT = 100_000;
  static final Duration IDLE_RETRY = Duration.ofSeconds(2);
  private static final Logger LOG = LoggerFactory.getLogger(InboxRemovals.class);

  private final BuildStore store;
  private final int maxKept;
  private final Duration idleRetry;
  private List<DeliveryKey> waiting = new ArrayList<>();
  private long failedAt;

  InboxRemovals(BuildStore store) {
    this(store, MAX_KEPT, IDLE_RETRY);
  }

  InboxRemovals(BuildStore store, int maxKept, Duration idleRetry) {
    this.store = store;
    this.maxKept = maxKept;
    this.idleRetry = idleRetry;
  }

  /** Removes {@code merged}, and what failed to be removed before. */
  void remove(List<DeliveryKey> merged) {
    if (merged.isEmpty() && waiting.isEmpty()) {
      return;
    }
    List<DeliveryKey> keys = new ArrayList<>(waiting.size() + merged.size());
    keys.addAll(waiting);
    keys.addAll(merged);
    try {
      store.removeFromInbox(keys);
      if (!waiting.isEmpty()) {
        LOG.info("Removed {} merged deliveries from the inbox after an earlier failure", waiting.size());
      }
      waiting = new ArrayList<>();
    } catch (RuntimeException e) {
      failedAt = System.nanoTime();
      int dropped = Math.max(0, keys.size() - maxKept);
      waiting = new ArrayList<>(keys.subList(dropped, keys.size()));
      LOG.warn("Could not remove {} merged deliveries from the inbox; tried again with the next merge{}", keys.size(),
          dropped == 0 ? "" : " (" + dropped + " left for the next start, which skips them as duplicates)", e);
    }
  }

  /** Tries again what failed to be removed, if anything, once the idle retry pause has passed since the failure. */
  void retry() {
    if (!waiting.isEmpty() && System.nanoTime() - failedAt >= idleRetry.toNanos()) {
      remove(List.of());
    }
  }
}

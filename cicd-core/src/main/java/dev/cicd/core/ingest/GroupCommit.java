package dev.cicd.core.ingest;

import dev.cicd.core.store.BuildStore;
import dev.cicd.core.store.BuildStoreException;
import dev.cicd.core.store.ConcurrentBuildModificationException;
import dev.cicd.core.store.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of webhook deliveries: concurrent callers queue their delivery, and whichever finds no
 * writer at work becomes the writer (leader) and stores everything queued in one batch — one read of the
 * builds involved, one in-memory merge, one transaction ({@link BatchMerge}); a delivery that finds the
 * writer free is a batch of one, so its build changes and its delivery record always commit together
 * (a crash cannot keep one without the other). Deliveries of one build
 * that arrive together merge in memory instead of racing for its version. A batch that loses a race with
 * another instance, or fails while the store is reachable, is redone one delivery at a time, so one bad
 * delivery fails alone; when the store is unreachable every delivery of the batch, and every one queued
 * behind it, gets its failure at once instead of waiting for the same failure again (and perhaps being
 * stored long after its caller was told 503); so does every delivery still waiting in another lane's queue
 * (but the one probing the store), while that lane's writer is still busy with its batch.
 */
final class GroupCommit {
  /** Most deliveries stored in one transaction. */
  static final int MAX_BATCH = 128;

  private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

  /** Stores one delivery on its own (the path without group commit). */
  interface Single {
    List<IngestResult> ingest(DeliveryKey key, List<? extends ProviderEvent> events);
  }

  private final BuildStore store;
  private final BatchMerge merge;
  private final Single single;
  private final LeaderQueue<Pending> queue = new LeaderQueue<>(MAX_BATCH, this::write);
  private final StoreOutage outage;

  GroupCommit(BuildStore store, BatchMerge merge, Single single, StoreOutage outage) {
    this.store = store;
    this.merge = merge;
    this.single = single;
    this.outage = outage;
  }

  /**
   * Stores one delivery, alone or with others queued at the same time; returns once it is stored.
   *
   * @throws BuildStoreException at once while the store is known to be unreachable ({@link StoreOutage})
   */
  List<IngestResult> ingest(DeliveryKey key, List<? extends ProviderEvent> events) {
    boolean probe = outage.admit();
    try {
      Pending pending = new Pending(key, List.copyOf(events), probe);
      queue.submit(pending, this::leaveForOutage);
      return pending.result();
    } finally {
      if (probe) {
        outage.probed();
      }
    }
  }

  /**
   * Fails a waiting delivery at once when the store was found unreachable (by another lane's writer, or by
   * this lane's before it could fail its queue) and no writer has taken the delivery yet: it has not reached
   * the store, and would only wait for the same failure. A probe waits for its write.
   */
  private boolean leaveForOutage(Pending pending) {
    BuildStoreException down = pending.probe ? null : outage.queuedFailure();
    if (down != null && queue.remove(pending)) {
      pending.fail(down);
      return true;
    }
    return false;
  }

  /**
   * Writes deliveries handed over by a {@link WebhookInbox}'s merger as this lane's writer, in one batch where
   * they can be: each completes or fails as in {@link #ingest}.
   */
  void writeAll(List<Pending> deliveries) {
    queue.writeAsWriter(deliveries);
  }

  private void write(List<Pending> batch) {
    List<Pending> together = new ArrayList<>(batch.size());
    List<Pending> alone = new ArrayList<>();
    for (Pending pending : batch) {
      (BatchMerge.canBatch(pending.events) ? together : alone).add(pending);
    }
    if (!together.isEmpty()) {
      RuntimeException unreachable = writeTogether(together, alone);
      if (unreachable != null) {
        // The store does not answer: what waits behind this batch would only wait for the same failure.
        outage.unreachable(unreachable);
        alone.forEach(p -> p.fail(unreachable));
        Pending queued;
        while ((queued = queue.poll()) != null) {
          queued.fail(unreachable);
        }
        return;
      }
    }
    alone.forEach(this::writeAlone);
  }

  /** @return the failure when the store turned out unreachable (the batch then failed); else null */
  private @Nullable RuntimeException writeTogether(List<Pending> together, List<Pending> alone) {
    try {
      merge.write(together);
      outage.reachable();
    } catch (ConcurrentBuildModificationException e) {
      outage.reachable();
      LOG.debug("A batch of {} deliveries lost a race; storing them one by one", together.size(), e);
      alone.addAll(0, together);
    } catch (RuntimeException e) {
      if (e instanceof StoreUnavailableException || !StoreOutage.answers(store)) {
        // Whatever the store threw, its callers learn that it is unavailable (a 503 at the webhook endpoint; an
        // inbox's merger tries them again).
        RuntimeException down = e instanceof StoreUnavailableException ? e
            : new StoreUnavailableException(e instanceof BuildStoreException ? e.getMessage()
                : "The store is unreachable: " + e, e);
        together.forEach(p -> p.fail(down));
        return down;
      }
      outage.reachable();
      LOG.debug("A batch of {} deliveries failed; storing them one by one", together.size(), e);
      alone.addAll(0, together);
    }
    return null;
  }

  private void writeAlone(Pending pending) {
    if (pending.isDone()) {
      return;
    }
    try {
      pending.complete(List.copyOf(single.ingest(pending.key, pending.events)));
    } catch (RuntimeException e) {
      if (e instanceof StoreUnavailableException) {
        outage.unreachable(e); // a delivery stored on its own (a deployment status) finds the outage too
      }
      pending.fail(e);
    }
  }
}

package dev.cicd.core.ingest;

import dev.cicd.core.store.BuildStore;
import dev.cicd.core.store.InboxEntry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Group commit of inbox appends ({@link LeaderQueue}, as {@link GroupCommit} does for merges): concurrent callers
 * queue their entry, and whichever finds no writer at work appends everything queued in one
 * {@link BuildStore#appendInbox} transaction. Each caller returns once its entry is durable, or with the batch's
 * failure.
 */
final class InboxAppends {
  static final int MAX_BATCH = 256;

  private final BuildStore store;
  private final LeaderQueue<Waiting> queue = new LeaderQueue<>(MAX_BATCH, this::write);

  InboxAppends(BuildStore store) {
    this.store = store;
  }

  /** @return true when appended now, false when the delivery is a duplicate */
  boolean append(InboxEntry entry) {
    Waiting own = new Waiting(entry);
    queue.submit(own, waiting -> false);
    return own.result();
  }

  private void write(List<Waiting> batch) {
    Set<DeliveryKey> appended;
    try {
      appended = store.appendInbox(batch.stream().map(w -> w.entry).toList());
    } catch (RuntimeException e) {
      batch.forEach(w -> w.fail(e));
      return;
    }
    Set<DeliveryKey> claimed = new HashSet<>();
    for (Waiting waiting : batch) {
      DeliveryKey key = waiting.entry.key();
      waiting.complete(appended.contains(key) && claimed.add(key));
    }
  }

  /** One caller's entry, and then whether it was appended now. */
  private static final class Waiting extends Waiter<Boolean> {
    final InboxEntry entry;

    Waiting(InboxEntry entry) {
      this.entry = entry;
    }

    @Override
    String describe() {
      return "delivery " + entry.key().asString() + " in the inbox";
    }
  }
}

package dev.cicd.core.ingest;

import dev.cicd.core.store.BuildStore;
import dev.cicd.core.store.BuildStoreException;
import dev.cicd.core.store.InboxEntry;
import dev.cicd.core.store.StoreUnavailableException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of inbox appends on a writer thread of their own: callers queue their entry and wait for it at most
 * their timeout, while the writer appends everything queued (at most {@link #MAX_BATCH}) in one
 * {@link BuildStore#appendInbox} transaction, then runs each entry's {@code whenAppended} (queueing it for the
 * merge) whether its caller still waits or not. A caller whose timeout passes before the writer took its entry takes
 * it out of the queue: nothing of it reaches the store. Since no caller ever writes, a store that hangs holds the
 * writer only, and every caller is answered by its deadline. Once an append found the store unreachable, what is
 * queued and what comes after fails at once ({@link StoreOutage}, shared with the merge) until a probing delivery
 * is appended again. The writer thread starts with the first append and ends after {@link #IDLE} without one.
 */
final class InboxAppends {
  static final int MAX_BATCH = 256;
  static final Duration IDLE = Duration.ofSeconds(30);
  private static final Logger LOG = LoggerFactory.getLogger(InboxAppends.class);

  private final BuildStore store;
  private final StoreOutage outage;
  private final ConcurrentLinkedQueue<Waiting> queue = new ConcurrentLinkedQueue<>();
  /** Whether a drain is scheduled or at work; set by whoever schedules one. */
  private final AtomicBoolean draining = new AtomicBoolean();
  private final ThreadPoolExecutor writer;

  InboxAppends(BuildStore store, StoreOutage outage) {
    this.store = store;
    this.outage = outage;
    this.writer = new ThreadPoolExecutor(1, 1, IDLE.toMillis(), TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
        r -> {
          Thread thread = new Thread(r, "cicd-inbox-append");
          thread.setDaemon(true);
          return thread;
        });
    writer.allowCoreThreadTimeOut(true);
  }

  /**
   * Appends {@code entry}, waiting at most {@code timeout}; {@code whenAppended} runs on the writer once the entry
   * is durable and was appended now (not a duplicate), before this returns.
   *
   * @return true when appended now, false when the delivery is a duplicate
   * @throws InboxTimeoutException when {@code timeout} passed first
   * @throws BuildStoreException when the store failed, or at once while it is known to be unreachable
   */
  boolean append(InboxEntry entry, Runnable whenAppended, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean probe = outage.admit();
    try {
      Waiting own = new Waiting(entry, whenAppended);
      queue.add(own);
      schedule();
      while (!own.isDone()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          // Out of the queue: never appended. Taken by the writer already: it may be appended and merged later.
          queue.remove(own);
          throw new InboxTimeoutException(timeout);
        }
        own.await(left);
      }
      return own.result();
    } finally {
      if (probe) {
        outage.probed();
      }
    }
  }

  private void schedule() {
    if (draining.compareAndSet(false, true)) {
      try {
        writer.execute(this::drain);
      } catch (RuntimeException | Error e) {
        draining.set(false);
        throw new BuildStoreException("Could not start the inbox's writer: " + e, e);
      }
    }
  }

  private void drain() {
    try {
      List<Waiting> batch;
      while (!(batch = take()).isEmpty()) {
        write(batch);
      }
    } finally {
      draining.set(false);
    }
    if (!queue.isEmpty()) {
      schedule(); // queued after the last take by a caller that found this drain still at work
    }
  }

  private List<Waiting> take() {
    return Waiter.takeUpTo(queue, MAX_BATCH);
  }

  private void write(List<Waiting> batch) {
    Set<DeliveryKey> appended;
    try {
      appended = store.appendInbox(batch.stream().map(w -> w.entry).toList());
    } catch (RuntimeException e) {
      // All settled before its callers are answered: a 503 for an unreachable store means health says DOWN, and
      // what a caller sends next is not failed as one of those queued now.
      if (e instanceof StoreUnavailableException || !StoreOutage.answers(store)) {
        outage.unreachable(e);
        failQueued();
      }
      batch.forEach(w -> w.fail(e));
      return;
    } catch (Error e) {
      // An assertion inside the database engine, a stack overflow: the callers fail, the writer goes on.
      LOG.error("The store failed unexpectedly appending {} deliveries to the inbox", batch.size(), e);
      BuildStoreException failure = new BuildStoreException("The store failed unexpectedly: " + e, e);
      batch.forEach(w -> w.fail(failure));
      return;
    }
    outage.reachable();
    Set<DeliveryKey> claimed = new HashSet<>();
    for (Waiting waiting : batch) {
      DeliveryKey key = waiting.entry.key();
      boolean now = appended.contains(key) && claimed.add(key);
      if (now) {
        queueForMerge(waiting);
      }
      waiting.complete(now);
    }
  }

  /** Fails what waits in the queue: it has not reached the store, and would only meet the same failure. */
  private void failQueued() {
    BuildStoreException down = outage.queuedFailure();
    Waiting waiting;
    while (down != null && (waiting = queue.poll()) != null) {
      waiting.fail(down);
    }
  }

  private static void queueForMerge(Waiting waiting) {
    try {
      waiting.whenAppended.run();
    } catch (RuntimeException e) {
      // Durable all the same: the next start merges it from the store's inbox.
      LOG.error("Could not queue {} for the merge", waiting.describe(), e);
    }
  }

  /** One caller's entry, and then whether it was appended now. */
  private static final class Waiting extends Waiter<Boolean> {
    final InboxEntry entry;
    final Runnable whenAppended;

    Waiting(InboxEntry entry, Runnable whenAppended) {
      this.entry = entry;
      this.whenAppended = whenAppended;
    }

    @Override
    String describe() {
      return "delivery " + entry.key().asString() + " in the inbox";
    }
  }
}

package dev.cicd.core.ingest;

import dev.cicd.core.store.BuildStore;
import dev.cicd.core.store.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The merging half of a {@link WebhookInbox}: one thread takes the acknowledged deliveries in batches of up to
 * {@link InboxSettings#mergeBatch()}, merges each batch in one transaction through a group-commit lane (which
 * also records the deliveries, so a delivery merged twice changes nothing the second time), then removes them
 * from the store's inbox. While the store cannot be reached the batch waits and is tried again (1 s, doubling up
 * to 30 s); a delivery that fails while the store answers is logged, counted and left in the store's inbox.
 */
final class InboxMerger {
  /**
   * A delivery acknowledged and waiting to be merged; {@code unavailableTries} counts the merges that failed it
   * as unavailable while the store answered the merger's own check.
   */
  record Queued(DeliveryKey key, List<? extends ProviderEvent> events, Instant receivedAt, int unavailableTries) {
    Queued(DeliveryKey key, List<? extends ProviderEvent> events, Instant receivedAt) {
      this(key, events, receivedAt, 0);
    }

    Queued triedWhileReachable() {
      return new Queued(key, events, receivedAt, unavailableTries + 1);
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(InboxMerger.class);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration LAST_RETRY = Duration.ofSeconds(30);
  /**
   * How long a batch waits for more deliveries after its first: merging a build's run and job deliveries
   * together, and spreading a transaction's reads and writes over many deliveries, is what makes the inbox
   * cheaper per delivery than merging each on arrival.
   */
  static final Duration LINGER = Duration.ofMillis(100);
  /**
   * How many merges may fail a delivery as unavailable while the store answers the merger's own check before it
   * counts as failed (a store that kept calling one delivery unavailable would else slow every later merge down
   * to one per retry pause).
   */
  static final int UNAVAILABLE_TRIES = 3;

  private final BuildStore store;
  private final GroupCommit lane;
  private final InboxRemovals removals;
  private final int batchSize;
  private final LinkedBlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
  /**
   * The keys of the deliveries queued and not finished: a delivery found both by {@link InboxRecovery} in the
   * store's inbox and by an accept of this process is queued once, whichever comes first, whatever the clock says.
   */
  private final Set<DeliveryKey> queuedKeys = ConcurrentHashMap.newKeySet();
  /** Deliveries of a batch the store could not take, merged before anything queued after them. */
  private final ArrayDeque<Queued> retry = new ArrayDeque<>();
  private final AtomicLong backlog = new AtomicLong();
  private final AtomicLong merged = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile @Nullable Instant retryingSince;
  private Duration retryDelay = FIRST_RETRY;
  /** Guards the pauses between tries, which {@link #wake()} cuts short. */
  private final Object pause = new Object();
  private volatile boolean woken;

  InboxMerger(BuildStore store, GroupCommit lane, int batchSize) {
    this.store = store;
    this.lane = lane;
    this.removals = new InboxRemovals(store);
    this.batchSize = batchSize;
  }

  /** Queues a delivery for the merge; @return false when it is queued already (and not merged since) */
  boolean enqueue(Queued delivery) {
    if (!queuedKeys.add(delivery.key())) {
      return false;
    }
    backlog.incrementAndGet();
    queue.add(delivery);
    return true;
  }

  /** Whether a delivery is queued (or waits for a retry) and not finished. */
  boolean isQueued(DeliveryKey key) {
    return queuedKeys.contains(key);
  }

  long backlog() {
    return backlog.get();
  }

  InboxStatus status() {
    Instant since = retryingSince;
    Queued head = queue.peek();
    Instant oldest = since != null ? since : head == null ? null : head.receivedAt();
    return new InboxStatus(backlog.get(), backlog.get() == 0 ? null : oldest, merged.get(), failed.get());
  }

  /**
   * Merges one batch: what waits for a retry first, else what is queued (waiting at most {@code wait} for
   * the first). @return whether there was anything to merge
   */
  boolean mergeNext(Duration wait) throws InterruptedException {
    List<Queued> batch = new ArrayList<>(Math.min(batchSize, 1024));
    while (batch.size() < batchSize && !retry.isEmpty()) {
      batch.add(retry.poll());
    }
    if (batch.isEmpty()) {
      Queued first = queue.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
      if (first == null) {
        removals.retry();
        return false;
      }
      batch.add(first);
    }
    fill(batch);
    merge(batch);
    return true;
  }

  /** Adds what is queued until the batch is full or {@link #LINGER} has passed. */
  private void fill(List<Queued> batch) throws InterruptedException {
    long until = System.nanoTime() + LINGER.toNanos();
    while (batch.size() < batchSize) {
      queue.drainTo(batch, batchSize - batch.size());
      long left = until - System.nanoTime();
      if (batch.size() >= batchSize || left <= 0 || woken) {
        return;
      }
      Queued next = queue.poll(left, TimeUnit.NANOSECONDS);
      if (next == null) {
        return;
      }
      batch.add(next);
    }
  }

  /**
   * Merges a batch; each delivery ends merged (or a duplicate), failed, or back in {@link #retry}, and the backlog
   * counts exactly those waiting: a failure of any kind while merging puts the whole batch back.
   */
  private void merge(List<Queued> batch) throws InterruptedException {
    List<Queued> again;
    List<DeliveryKey> done = new ArrayList<>(batch.size());
    List<Queued> unavailable = new ArrayList<>();
    try {
      again = write(batch, done, unavailable);
    } catch (RuntimeException | Error e) {
      LOG.error("Merging {} webhook deliveries failed; they are tried again in {}", batch.size(), retryDelay, e);
      waitForRetry(batch);
      return;
    }
    boolean answers = true;
    if (!unavailable.isEmpty() || !again.isEmpty()) {
      answers = StoreOutage.answers(store);
      if (answers) {
        again = new ArrayList<>(again);
        unavailable = triedWhileReachable(unavailable, again);
      } else {
        unavailable.addAll(again);
        again = List.of();
      }
    }
    if (!unavailable.isEmpty()) {
      LOG.warn(answers ? "The store failed {} deliveries as unavailable although it answers; {} acknowledged "
          + "deliveries wait in the inbox; next try in {}" : "The store cannot be reached ({} deliveries failed); {} "
          + "acknowledged deliveries wait in the inbox; next try in {}", unavailable.size(), backlog.get(), retryDelay);
      waitForRetry(unavailable);
    } else {
      retryingSince = null;
      retryDelay = FIRST_RETRY;
    }
    for (Queued bad : again) {
      LOG.error("Could not merge webhook delivery {}; it stays in the store's inbox and is tried again at the "
          + "next start", bad.key().asString());
    }
    failed.addAndGet(again.size());
    removals.remove(done);
    merged.addAndGet(done.size());
    queuedKeys.removeAll(done);
    again.forEach(bad -> queuedKeys.remove(bad.key()));
    backlog.addAndGet(-(done.size() + again.size()));
  }

  /**
   * The deliveries failed as unavailable although the store answers: each is tried again until
   * {@link #UNAVAILABLE_TRIES} merges failed it so, then added to {@code failed}.
   */
  private static List<Queued> triedWhileReachable(List<Queued> unavailable, List<Queued> failed) {
    List<Queued> again = new ArrayList<>(unavailable.size());
    for (Queued delivery : unavailable) {
      if (delivery.unavailableTries() + 1 >= UNAVAILABLE_TRIES) {
        failed.add(delivery);
      } else {
        again.add(delivery.triedWhileReachable());
      }
    }
    return again;
  }

  /**
   * Writes the batch through the lane; fills {@code done}, and {@code unavailable} with the deliveries the lane
   * failed because it found the store unreachable, and returns those that failed otherwise.
   */
  private List<Queued> write(List<Queued> batch, List<DeliveryKey> done, List<Queued> unavailable) {
    List<Pending> pendings = new ArrayList<>(batch.size());
    batch.forEach(q -> pendings.add(new Pending(q.key(), List.copyOf(q.events()), true)));
    lane.writeAll(pendings);
    List<Queued> again = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      try {
        pendings.get(i).result();
        done.add(batch.get(i).key());
      } catch (StoreUnavailableException e) {
        unavailable.add(batch.get(i));
      } catch (RuntimeException e) {
        again.add(batch.get(i));
      }
    }
    return again;
  }

  private void waitForRetry(List<Queued> waiting) throws InterruptedException {
    if (retryingSince == null) {
      retryingSince = waiting.get(0).receivedAt();
    }
    retry.addAll(waiting);
    pause(retryDelay);
    retryDelay = retryDelay.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retryDelay.multipliedBy(2);
  }

  /**
   * Waits {@code time}, less when {@link #wake() woken}. The merger is never interrupted: an interrupt during
   * a write would close an embedded database's file channel under it.
   */
  void pause(Duration time) throws InterruptedException {
    long deadline = System.nanoTime() + time.toNanos();
    synchronized (pause) {
      long left;
      while (!woken && (left = deadline - System.nanoTime()) > 0) {
        pause.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /** Pauses last their time again (the inbox starts again after a close). */
  void rearm() {
    synchronized (pause) {
      woken = false;
    }
  }

  /** Ends the pause at work and every later one (the inbox closes). */
  void wake() {
    synchronized (pause) {
      woken = true;
      pause.notifyAll();
    }
  }
}

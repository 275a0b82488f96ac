package dev.cicd.core.ingest;

import dev.cicd.core.store.BuildStore;
import dev.cicd.core.store.BuildStoreException;
import dev.cicd.core.store.InboxEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit of inbox appends: concurrent callers queue their entry, and whichever finds no writer at work
 * appends everything queued in one {@link BuildStore#appendInbox} transaction (as {@link GroupCommit} does for
 * merges). Each caller returns once its entry is durable, or with the batch's failure.
 */
final class InboxAppends {
  static final int MAX_BATCH = 256;
  private static final long WAIT_NANOS = 2_000_000L;

  private final BuildStore store;
  private final ConcurrentLinkedQueue<Waiting> queue = new ConcurrentLinkedQueue<>();
  private final ReentrantLock writer = new ReentrantLock();

  InboxAppends(BuildStore store) {
    this.store = store;
  }

  /** @return true when appended now, false when the delivery is a duplicate */
  boolean append(InboxEntry entry) {
    Waiting own = new Waiting(entry);
    queue.add(own);
    while (!own.done) {
      if (writer.tryLock()) {
        try {
          List<Waiting> batch;
          while (!own.done && !(batch = take()).isEmpty()) {
            write(batch);
          }
        } finally {
          writer.unlock();
        }
        Waiting next = queue.peek();
        if (next != null) {
          LockSupport.unpark(next.caller);
        }
      } else if (!own.done) {
        LockSupport.parkNanos(this, WAIT_NANOS);
      }
    }
    if (own.failure != null) {
      throw own.failure;
    }
    return own.appended;
  }

  private List<Waiting> take() {
    List<Waiting> batch = new ArrayList<>();
    Waiting next;
    while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
      batch.add(next);
    }
    return batch;
  }

  private void write(List<Waiting> batch) {
    Set<DeliveryKey> appended;
    try {
      appended = store.appendInbox(batch.stream().map(w -> w.entry).toList());
    } catch (RuntimeException e) {
      batch.forEach(w -> w.finish(false, e));
      return;
    } catch (Error e) {
      // An assertion inside the database engine, a stack overflow: the others fail with it, wrapped (the batch
      // has left the queue; nobody else would answer them), and it goes on to this writer's caller.
      BuildStoreException failure = new BuildStoreException("The store failed unexpectedly: " + e, e);
      batch.forEach(w -> w.finish(false, failure));
      throw e;
    }
    Set<DeliveryKey> claimed = new HashSet<>();
    for (Waiting waiting : batch) {
      DeliveryKey key = waiting.entry.key();
      waiting.finish(appended.contains(key) && claimed.add(key), null);
    }
  }

  /** One caller's entry, and then its outcome. */
  private static final class Waiting {
    final InboxEntry entry;
    final Thread caller = Thread.currentThread();
    volatile boolean done;
    volatile boolean appended;
    volatile RuntimeException failure;

    Waiting(InboxEntry entry) {
      this.entry = entry;
    }

    void finish(boolean now, RuntimeException e) {
      appended = now;
      failure = e;
      done = true;
      LockSupport.unpark(caller);
    }
  }
}

package dev.cicd.core.ingest;

import dev.cicd.core.store.BuildStoreException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The queue behind group commit: concurrent callers queue their item, and whichever finds no writer at work
 * becomes the writer (leader) and writes what is queued, in batches of at most {@code maxBatch}, until its own
 * item is answered; it then wakes the next caller in the queue, who takes over. The others wait, woken by the
 * answer or by a writer leaving.
 *
 * @param <W> the items; the batch writer must answer ({@link Waiter#complete}, {@link Waiter#fail}) every item of a
 *     batch it returns from normally
 */
final class LeaderQueue<W extends Waiter<?>> {
  /** Longest wait between looks at the writer's place; a writer leaving it wakes the next caller at once. */
  private static final long WAIT_NANOS = 2_000_000L;

  private final int maxBatch;
  private final Consumer<List<W>> writeBatch;
  private final ConcurrentLinkedQueue<W> queue = new ConcurrentLinkedQueue<>();
  private final ReentrantLock writer = new ReentrantLock();

  LeaderQueue(int maxBatch, Consumer<List<W>> writeBatch) {
    this.maxBatch = maxBatch;
    this.writeBatch = writeBatch;
  }

  /**
   * Queues {@code own} and returns once it is answered. While another caller writes, {@code leave} is asked
   * between waits whether {@code own} should stop waiting (it must then have answered {@code own}).
   */
  void submit(W own, Predicate<W> leave) {
    queue.add(own);
    while (!own.isDone()) {
      if (writer.tryLock()) {
        try {
          List<W> batch;
          while (!own.isDone() && !(batch = take()).isEmpty()) {
            writeOrFail(batch);
          }
        } finally {
          writer.unlock();
        }
        // Hand over: a caller that queued while this one wrote, and found the writer busy, waits to be woken.
        W next = queue.peek();
        if (next != null) {
          next.wake();
        }
      } else if (!leave.test(own)) {
        own.await(WAIT_NANOS);
      }
    }
  }

  /** Writes {@code batch} (items never queued) as the writer, waiting for the writer's place. */
  void writeAsWriter(List<W> batch) {
    writer.lock();
    try {
      writeOrFail(batch);
    } finally {
      writer.unlock();
    }
  }

  /** Takes {@code item} out of the queue; false when a writer took it already. */
  boolean remove(W item) {
    return queue.remove(item);
  }

  /** The next queued item, taken out of the queue; null when none waits. */
  W poll() {
    return queue.poll();
  }

  /**
   * Writes a batch; should anything escape (an {@link Error} from the store: an assertion inside the database
   * engine, a stack overflow), every item not answered yet fails with it, wrapped, before it goes on to this
   * writer's caller: the batch has left the queue, and nobody else would ever answer the others.
   */
  private void writeOrFail(List<W> batch) {
    try {
      writeBatch.accept(batch);
    } catch (RuntimeException | Error e) {
      BuildStoreException failure = new BuildStoreException("The store failed unexpectedly: " + e, e);
      batch.stream().filter(w -> !w.isDone()).forEach(w -> w.fail(failure));
      throw e;
    }
  }

  private List<W> take() {
    return Waiter.takeUpTo(queue, maxBatch);
  }
}

package dev.cicd.core.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * A caller's item waiting in a {@link LeaderQueue} or for {@link InboxAppends}' writer, and then its outcome: completed
 * with a result or failed.
 * Created by the caller's thread, which is the one woken.
 *
 * @param <R> the result
 */
abstract class Waiter<R> {
  private final Thread caller = Thread.currentThread();
  private volatile boolean done;
  private volatile @Nullable R result;
  private volatile @Nullable RuntimeException failure;

  /** Takes the next waiters out of {@code queue}, at most {@code max}, in queue order; empty when none wait. */
  static <W extends Waiter<?>> List<W> takeUpTo(Queue<W> queue, int max) {
    List<W> batch = new ArrayList<>();
    W next;
    while (batch.size() < max && (next = queue.poll()) != null) {
      batch.add(next);
    }
    return batch;
  }

  /** What waits, for the message of an interrupted wait ("delivery …"). */
  abstract String describe();

  final void complete(R value) {
    result = value;
    done = true;
    wake();
  }

  final void fail(RuntimeException e) {
    failure = e;
    done = true;
    wake();
  }

  final boolean isDone() {
    return done;
  }

  /** Wakes the caller waiting in {@link #await}. */
  final void wake() {
    LockSupport.unpark(caller);
  }

  /** Waits at most {@code nanos}, less when completed or woken. */
  final void await(long nanos) {
    if (Thread.currentThread().isInterrupted()) {
      throw new IllegalStateException("Interrupted while waiting for " + describe() + " to be stored");
    }
    if (!done) {
      LockSupport.parkNanos(this, nanos);
    }
  }

  /** The result; rethrows the failure met instead. */
  final R result() {
    RuntimeException e = failure;
    if (e != null) {
      throw e;
    }
    return Objects.requireNonNull(result);
  }
}

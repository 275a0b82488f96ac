package dev.cicd.core.ingest;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/** One delivery waiting in a {@link GroupCommit} queue, and then its outcome. Created by the caller's thread. */
final class Pending {
  final DeliveryKey key;
  final List<? extends ProviderEvent> events;
  /** Admitted to probe an unreachable store ({@link StoreOutage#admit()}): written even while it is down. */
  final boolean probe;
  private final Thread caller = Thread.currentThread();
  private volatile boolean done;
  private volatile @Nullable List<IngestResult> result;
  private volatile @Nullable RuntimeException failure;

  Pending(DeliveryKey key, List<? extends ProviderEvent> events, boolean probe) {
    this.key = key;
    this.events = events;
    this.probe = probe;
  }

  void complete(List<IngestResult> results) {
    result = List.copyOf(results);
    done = true;
    wake();
  }

  void fail(RuntimeException e) {
    failure = e;
    done = true;
    wake();
  }

  boolean isDone() {
    return done;
  }

  /** Wakes the caller waiting in {@link #await}. */
  void wake() {
    LockSupport.unpark(caller);
  }

  /** Waits at most {@code nanos}, less when completed or woken. */
  void await(long nanos) {
    if (Thread.currentThread().isInterrupted()) {
      throw new IllegalStateException("Interrupted while waiting for delivery " + key.asString() + " to be stored");
    }
    if (!done) {
      LockSupport.parkNanos(this, nanos);
    }
  }

  /** The results; rethrows the failure the delivery met. */
  List<IngestResult> result() {
    RuntimeException e = failure;
    if (e != null) {
      throw e;
    }
    return Objects.requireNonNull(result);
  }
}

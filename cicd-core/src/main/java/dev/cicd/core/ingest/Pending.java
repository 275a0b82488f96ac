package dev.cicd.core.ingest;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** One delivery waiting in a {@link GroupCommit} queue, and then its outcome. */
final class Pending {
  final DeliveryKey key;
  final List<? extends ProviderEvent> events;
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile @Nullable List<IngestResult> result;
  private volatile @Nullable RuntimeException failure;

  Pending(DeliveryKey key, List<? extends ProviderEvent> events) {
    this.key = key;
    this.events = events;
  }

  void complete(List<IngestResult> results) {
    result = List.copyOf(results);
    done.countDown();
  }

  void fail(RuntimeException e) {
    failure = e;
    done.countDown();
  }

  boolean isDone() {
    return done.getCount() == 0;
  }

  void await(long time, TimeUnit unit) {
    try {
      done.await(time, unit);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for delivery " + key.asString() + " to be stored", e);
    }
  }

  /** The results; rethrows the failure the delivery met. */
  List<IngestResult> result() {
    RuntimeException e = failure;
    if (e != null) {
      throw e;
    }
    return java.util.Objects.requireNonNull(result);
  }
}

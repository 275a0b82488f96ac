package dev.cicd.core.ingest;

import dev.cicd.core.store.BuildStore;
import dev.cicd.core.store.BuildStoreException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fails deliveries fast while the store is known to be unreachable (a circuit breaker with one state
 * besides closed): once a batch failed with the store unreachable, new deliveries fail at once with a
 * {@link BuildStoreException} (a 503 at the webhook endpoint) instead of each waiting the store's
 * connection timeout. At most one delivery at a time, and at most one per {@link #PROBE_INTERVAL_NANOS},
 * is let through to probe the store; the first delivery stored again closes the breaker. Nothing that
 * fails here reached the store, so a redelivery is stored normally.
 */
final class StoreOutage {
  /** Shortest time between two probing deliveries while the store is unreachable: 1 s. */
  static final long PROBE_INTERVAL_NANOS = 1_000_000_000L;

  private static final Logger LOG = LoggerFactory.getLogger(StoreOutage.class);

  private final LongSupplier nanoTime;
  private final AtomicBoolean probing = new AtomicBoolean();
  private volatile @Nullable RuntimeException cause;
  private volatile long nextProbe;

  StoreOutage(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /**
   * Whether {@code store} answers ({@link BuildStore#checkAvailable()}); any failure of the check counts as not (a
   * failure escaping a writer's check would leave its batch's other callers waiting forever).
   */
  static boolean answers(BuildStore store) {
    try {
      store.checkAvailable();
      return true;
    } catch (RuntimeException unavailable) {
      return false;
    }
  }

  /**
   * Lets a delivery through, or fails it at once while the store is unreachable.
   *
   * @return true when this delivery probes the store (then call {@link #probed()} when it is done)
   * @throws BuildStoreException while the store is unreachable and another delivery probes it, or the
   *     last probe was less than the probe interval ago
   */
  boolean admit() {
    RuntimeException down = cause;
    if (down == null) {
      return false;
    }
    if (nanoTime.getAsLong() - nextProbe >= 0 && probing.compareAndSet(false, true)) {
      return true;
    }
    throw failFast(down);
  }

  /**
   * The failure for a delivery admitted before the store turned out unreachable (queued behind another
   * batch, perhaps in another lane) that has not reached the store yet; null while the store is reachable.
   */
  @Nullable BuildStoreException queuedFailure() {
    RuntimeException down = cause;
    return down == null ? null : failFast(down);
  }

  private static BuildStoreException failFast(RuntimeException down) {
    return new BuildStoreException("The store is unreachable (" + down.getMessage() + "); retry later", down);
  }

  /** The probe admitted by {@link #admit()} is done, whatever its outcome. */
  void probed() {
    probing.set(false);
  }

  /** A write reached the store: deliveries go through again. */
  void reachable() {
    if (cause != null) {
      cause = null;
      LOG.info("The store is reachable again; deliveries are stored again");
    }
  }

  /** A write failed with the store unreachable: fail deliveries fast until a probe gets through. */
  void unreachable(RuntimeException failure) {
    nextProbe = nanoTime.getAsLong() + PROBE_INTERVAL_NANOS;
    if (cause == null) {
      LOG.warn("The store is unreachable; webhook deliveries fail at once until a probe (one per second) is"
          + " stored: {}", failure.getMessage());
    }
    cause = failure;
  }
}

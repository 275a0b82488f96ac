package dev.cicd.http.support;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.DeploymentStatus;
import dev.cicd.core.ingest.DeliveryKey;
import dev.cicd.core.metrics.BuildSummary;
import dev.cicd.core.metrics.MetricsQuery;
import dev.cicd.core.store.BuildQuery;
import dev.cicd.core.store.BuildStore;
import dev.cicd.core.store.BatchPlan;
import dev.cicd.core.store.BatchRead;
import dev.cicd.core.store.BuildStoreException;
import dev.cicd.core.store.InMemoryBuildStore;
import dev.cicd.core.store.InboxEntry;
import dev.cicd.core.store.Page;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory store with switchable faults: DOWN fails every call with {@link BuildStoreException}
 * (database unreachable), HANGING blocks every call until released (pool exhausted), BROKEN throws an
 * unexpected exception (a bug). {@link #keepingInbox()} is one that also keeps a webhook inbox, with the same faults.
 */
public final class FaultyStore implements BuildStore {
  /** The fault in effect. */
  public enum Mode { OK, DOWN, HANGING, BROKEN }

  private final InMemoryBuildStore delegate = new InMemoryBuildStore();
  private final boolean inbox;
  private volatile Mode mode = Mode.OK;
  private volatile CountDownLatch release = new CountDownLatch(1);

  public FaultyStore() {
    this(false);
  }

  private FaultyStore(boolean inbox) {
    this.inbox = inbox;
  }

  /** A store that keeps a webhook inbox (and writes batches, as an inbox needs). */
  public static FaultyStore keepingInbox() {
    return new FaultyStore(true);
  }

  /**
   * Switches the fault. Leaving HANGING sets the new mode before it releases the held calls, so what a released
   * call does next (a writer checking whether the store answers) already sees the new mode.
   */
  public void mode(Mode value) {
    if (value == Mode.HANGING) {
      release = new CountDownLatch(1);
      this.mode = value;
    } else {
      this.mode = value;
      release.countDown();
    }
  }

  private void check() {
    switch (mode) {
      case DOWN -> throw new BuildStoreException("connection refused (simulated)");
      case HANGING -> {
        try {
          release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new BuildStoreException("timed out waiting for a connection (simulated)");
      }
      case BROKEN -> throw new IllegalStateException("boom in dev.cicd.secret.Internal at line 42");
      case OK -> { }
    }
  }

  @Override public Optional<Build> find(BuildId id) { check(); return delegate.find(id); }
  @Override public Build save(Build build, long expectedVersion) { check(); return delegate.save(build, expectedVersion); }
  @Override public Page<Build> list(BuildQuery query) { check(); return delegate.list(query); }
  @Override public BuildSummary summarize(MetricsQuery query) { check(); return delegate.summarize(query); }
  @Override public long count() { check(); return delegate.count(); }
  @Override public boolean saveDeploymentStatus(DeploymentStatus status) { check(); return delegate.saveDeploymentStatus(status); }
  @Override public List<DeploymentStatus> deploymentStatuses(@Nullable String repository) { check(); return delegate.deploymentStatuses(repository); }
  @Override public boolean recordDelivery(DeliveryKey key, Instant receivedAt) { check(); return delegate.recordDelivery(key, receivedAt); }
  @Override public boolean hasDelivery(DeliveryKey key) { check(); return delegate.hasDelivery(key); }
  @Override public boolean writesBatches() { return inbox; }
  @Override public boolean keepsInbox() { return inbox; }
  @Override public List<Build> writeBatch(Collection<DeliveryKey> deliveries, Collection<BuildId> ids,
      Function<BatchRead, BatchPlan> plan, Instant receivedAt) {
    check();
    return delegate.writeBatch(deliveries, ids, plan, receivedAt);
  }
  @Override public Set<DeliveryKey> appendInbox(List<InboxEntry> entries) {
    check();
    return delegate.appendInbox(entries);
  }
  @Override public List<InboxEntry> readInbox(long afterId, int max) {
    check();
    return delegate.readInbox(afterId, max);
  }
  @Override public void removeFromInbox(Collection<DeliveryKey> keys) { check(); delegate.removeFromInbox(keys); }
  @Override public long inboxSize() { check(); return delegate.inboxSize(); }
  @Override public int deleteCompletedBefore(Instant cutoff, int maxBuilds) { check(); return delegate.deleteCompletedBefore(cutoff, maxBuilds); }
}

package dev.cicd.core.alert;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.DeploymentStatus;
import dev.cicd.core.ingest.DeliveryKey;
import dev.cicd.core.metrics.BuildSummary;
import dev.cicd.core.metrics.MetricsQuery;
import dev.cicd.core.store.BuildQuery;
import dev.cicd.core.store.BuildStore;
import dev.cicd.core.store.BuildStoreException;
import dev.cicd.core.store.InMemoryBuildStore;
import dev.cicd.core.store.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** An in-memory build store whose listings (what alert evaluation reads) fail while {@link #failing} is set. */
final class FlakyBuildStore implements BuildStore {
  private final InMemoryBuildStore delegate = new InMemoryBuildStore();
  volatile boolean failing;

  @Override public Optional<Build> find(BuildId id) { return delegate.find(id); }
  @Override public Build save(Build build, long expectedVersion) { return delegate.save(build, expectedVersion); }

  @Override
  public Page<Build> list(BuildQuery query) {
    if (failing) {
      throw new BuildStoreException("database unreachable (simulated)");
    }
    return delegate.list(query);
  }

  @Override public BuildSummary summarize(MetricsQuery query) { return delegate.summarize(query); }
  @Override public long count() { return delegate.count(); }
  @Override public boolean saveDeploymentStatus(DeploymentStatus status) { return delegate.saveDeploymentStatus(status); }
  @Override public List<DeploymentStatus> deploymentStatuses(@Nullable String repository) { return delegate.deploymentStatuses(repository); }
  @Override public boolean recordDelivery(DeliveryKey key, Instant receivedAt) { return delegate.recordDelivery(key, receivedAt); }
  @Override public boolean hasDelivery(DeliveryKey key) { return delegate.hasDelivery(key); }
  @Override public int deleteCompletedBefore(Instant cutoff, int maxBuilds) { return delegate.deleteCompletedBefore(cutoff, maxBuilds); }
}

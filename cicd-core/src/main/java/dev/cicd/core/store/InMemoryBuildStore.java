package dev.cicd.core.store;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.DeploymentStatus;
import dev.cicd.core.ingest.DeliveryKey;
import dev.cicd.core.metrics.BuildSummary;
import dev.cicd.core.metrics.MetricsCalculator;
import dev.cicd.core.metrics.MetricsQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The reference {@link BuildStore}: thread-safe, kept in memory, lost on restart. For tests, demos and
 * small embedded use.
 */
public final class InMemoryBuildStore implements BuildStore {
  private final Map<BuildId, Build> builds = new ConcurrentHashMap<>();
  private final Map<List<Object>, DeploymentStatus> deployments = new ConcurrentHashMap<>();
  private final Set<DeliveryKey> deliveries = ConcurrentHashMap.newKeySet();
  /** The webhook inbox by delivery, in append order; guarded by {@link #writes}. */
  private final Map<DeliveryKey, InboxEntry> inbox = new java.util.LinkedHashMap<>();
  private long inboxIds;
  /** Held by every write of builds or deliveries, so that a batch is atomic to other writers. */
  private final Object writes = new Object();

  @Override
  public Optional<Build> find(BuildId id) {
    return Optional.ofNullable(builds.get(Objects.requireNonNull(id, "id")));
  }

  @Override
  public Build save(Build build, long expectedVersion) {
    Objects.requireNonNull(build, "build");
    synchronized (writes) {
      return saveLocked(build, expectedVersion);
    }
  }

  private Build saveLocked(Build build, long expectedVersion) {
    AtomicBoolean conflict = new AtomicBoolean();
    Build saved = builds.compute(build.id(), (id, current) -> {
      long currentVersion = current == null ? 0 : current.version();
      if (currentVersion != expectedVersion) {
        conflict.set(true);
        return current;
      }
      return build.withVersion(expectedVersion + 1);
    });
    if (conflict.get()) {
      throw new ConcurrentBuildModificationException(build.id(), expectedVersion);
    }
    return saved;
  }

  @Override
  public Page<Build> list(BuildQuery query) {
    BuildCursor cursor = query.decodedCursor();
    List<Build> page = builds.values().stream()
        .filter(b -> matches(b, query))
        .filter(b -> cursor == null || cursor.isBefore(b))
        .sorted(BuildCursor.NEWEST_FIRST)
        .limit(query.limit() + 1L)
        .toList();
    if (page.size() <= query.limit()) {
      return new Page<>(page, null);
    }
    List<Build> items = page.subList(0, query.limit());
    return new Page<>(items, BuildCursor.of(items.get(items.size() - 1)).encode());
  }

  static boolean matches(Build b, BuildQuery q) {
    return (q.repository() == null || q.repository().equals(b.id().repository()))
        && (q.workflow() == null || q.workflow().equals(b.workflow().name()))
        && (q.branch() == null || q.branch().equals(b.branch()))
        && (q.status() == null || q.status() == b.status())
        && (q.conclusion() == null || q.conclusion() == b.conclusion())
        && (q.event() == null || q.event().equals(b.event()))
        && (q.from() == null || !b.createdAt().isBefore(q.from()))
        && (q.to() == null || b.createdAt().isBefore(q.to()));
  }

  @Override
  public BuildSummary summarize(MetricsQuery query) {
    return MetricsCalculator.summarize(List.copyOf(builds.values()), List.copyOf(deployments.values()), query);
  }

  @Override
  public long count() {
    return builds.size();
  }

  @Override
  public boolean saveDeploymentStatus(DeploymentStatus status) {
    List<Object> key = List.of(status.provider(), status.repository(), status.statusId());
    return deployments.putIfAbsent(key, status) == null;
  }

  @Override
  public List<DeploymentStatus> deploymentStatuses(@Nullable String repository) {
    List<DeploymentStatus> result = new ArrayList<>();
    for (DeploymentStatus status : deployments.values()) {
      if (repository == null || repository.equals(status.repository())) {
        result.add(status);
      }
    }
    result.sort(Comparator.comparing(DeploymentStatus::createdAt).thenComparingLong(DeploymentStatus::statusId));
    return result;
  }

  @Override
  public boolean recordDelivery(DeliveryKey key, Instant receivedAt) {
    Objects.requireNonNull(key, "key");
    synchronized (writes) {
      return deliveries.add(key);
    }
  }

  @Override
  public boolean writesBatches() {
    return true;
  }

  @Override
  public List<Build> writeBatch(Collection<DeliveryKey> keys, Collection<BuildId> ids,
      Function<BatchRead, BatchPlan> plan, Instant receivedAt) {
    Objects.requireNonNull(receivedAt, "receivedAt");
    synchronized (writes) {
      Set<DeliveryKey> recorded = new HashSet<>();
      keys.stream().filter(deliveries::contains).forEach(recorded::add);
      Map<BuildId, Build> stored = new HashMap<>();
      ids.forEach(id -> find(id).ifPresent(build -> stored.put(id, build)));
      BatchPlan batch = plan.apply(new BatchRead(recorded, stored));
      for (BuildWrite write : batch.builds()) {
        Build current = builds.get(write.build().id());
        if ((current == null ? 0 : current.version()) != write.expectedVersion()) {
          throw new ConcurrentBuildModificationException(write.build().id(), write.expectedVersion());
        }
      }
      for (DeliveryKey key : batch.deliveries()) {
        if (deliveries.contains(key)) {
          throw new ConcurrentBuildModificationException("Delivery " + key.asString() + " was recorded concurrently");
        }
      }
      List<Build> saved = new ArrayList<>(batch.builds().size());
      for (BuildWrite write : batch.builds()) {
        saved.add(saveLocked(write.build(), write.expectedVersion()));
      }
      deliveries.addAll(batch.deliveries());
      return saved;
    }
  }

  @Override
  public boolean keepsInbox() {
    return true;
  }

  @Override
  public Set<DeliveryKey> appendInbox(List<InboxEntry> entries) {
    synchronized (writes) {
      Set<DeliveryKey> appended = new java.util.LinkedHashSet<>();
      for (InboxEntry entry : entries) {
        if (!deliveries.contains(entry.key()) && !inbox.containsKey(entry.key())) {
          inbox.put(entry.key(), entry.withId(++inboxIds));
          appended.add(entry.key());
        }
      }
      return appended;
    }
  }

  @Override
  public List<InboxEntry> readInbox(long afterId, int max) {
    synchronized (writes) {
      return inbox.values().stream().filter(e -> e.id() > afterId).limit(max).toList();
    }
  }

  @Override
  public void removeFromInbox(Collection<DeliveryKey> keys) {
    synchronized (writes) {
      keys.forEach(inbox::remove);
    }
  }

  @Override
  public long inboxSize() {
    synchronized (writes) {
      return inbox.size();
    }
  }

  @Override
  public boolean hasDelivery(DeliveryKey key) {
    return deliveries.contains(key);
  }

  @Override
  public int deleteCompletedBefore(Instant cutoff, int maxBuilds) {
    if (maxBuilds < 1) {
      throw new IllegalArgumentException("maxBuilds must be positive, but was " + maxBuilds);
    }
    int deleted = 0;
    for (Build build : builds.values()) {
      if (deleted >= maxBuilds) {
        break;
      }
      Instant completed = build.completedAt();
      if (build.isCompleted() && completed != null && completed.isBefore(cutoff)) {
        synchronized (writes) {
          if (builds.remove(build.id(), build)) {
            deleted++;
          }
        }
      }
    }
    return deleted;
  }

  @Override
  public String toString() {
    return "InMemoryBuildStore[" + builds.size() + " builds]";
  }
}

package dev.cicd.core.ingest;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.internal.BuildMerger;
import dev.cicd.core.store.BuildStore;
import dev.cicd.core.store.ConcurrentBuildModificationException;
import dev.cicd.core.store.BuildStoreException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges provider events into a {@link BuildStore}. The merge is idempotent, monotonic and
 * convergent: any order of the same events, with duplicates, ends in the same stored builds.
 * Concurrent events for one build are serialised by optimistic versioning with retry. Thread-safe.
 */
public final class IngestionService {
  /** How often a merge is retried after losing a race with a concurrent writer. */
  public static final int DEFAULT_MAX_ATTEMPTS = 50;

  private static final Logger LOG = LoggerFactory.getLogger(IngestionService.class);

  private final BuildStore store;
  private final Clock clock;
  private final int maxAttempts;
  private final List<IngestListener> listeners = new CopyOnWriteArrayList<>();
  private final @Nullable WriteLanes groupCommit;
  private final @Nullable StoreOutage outage;
  private final @Nullable BatchMerge batchMerge;

  private IngestionService(BuildStore store, Clock clock, int maxAttempts) {
    this(store, clock, maxAttempts, System::nanoTime, Math.max(1, store.concurrentBatches()));
  }

  /** With the ticker that times {@link StoreOutage}'s probes and the number of group-commit lanes (tests). */
  IngestionService(BuildStore store, Clock clock, int maxAttempts, LongSupplier nanoTime, int lanes) {
    this.store = store;
    this.clock = clock;
    this.maxAttempts = maxAttempts;
    if (store.writesBatches()) {
      BatchMerge merge = new BatchMerge(store, clock, this::notifyBuild);
      StoreOutage shared = new StoreOutage(nanoTime);
      this.batchMerge = merge;
      this.outage = shared;
      this.groupCommit = new WriteLanes(lanes, () -> new GroupCommit(store, merge, this::ingestAlone, shared));
    } else {
      this.outage = null;
      this.batchMerge = null;
      this.groupCommit = null;
    }
  }

  public static IngestionService create(BuildStore store) {
    return new IngestionService(store, Clock.systemUTC(), DEFAULT_MAX_ATTEMPTS);
  }

  public static IngestionService create(BuildStore store, Clock clock) {
    return new IngestionService(Objects.requireNonNull(store, "store"), Objects.requireNonNull(clock, "clock"),
        DEFAULT_MAX_ATTEMPTS);
  }

  /** The breaker that fails deliveries fast while the store is unreachable; null when the store writes no batches. */
  @Nullable StoreOutage outage() {
    return outage;
  }

  public BuildStore store() {
    return store;
  }

  /**
   * Checks that the store can be reached, as deliveries see it (for health checks): while deliveries fail fast
   * because the store is known to be unreachable, this fails at once too, except that once per probe interval
   * it asks the store ({@link BuildStore#checkAvailable()}), and an answer closes the breaker for deliveries as
   * well. A failed check opens it: the store said it cannot be reached.
   *
   * @throws dev.cicd.core.store.BuildStoreException when the store is unreachable or known to be
   */
  public void checkStoreAvailable() {
    if (outage == null) {
      store.checkAvailable();
      return;
    }
    boolean probe = outage.admit();
    try {
      store.checkAvailable();
      outage.reachable();
    } catch (BuildStoreException e) {
      outage.unreachable(e);
      throw e;
    } finally {
      if (probe) {
        outage.probed();
      }
    }
  }

  /** Adds a listener told about every real change from now on. */
  public void addListener(IngestListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  public void removeListener(IngestListener listener) {
    listeners.remove(listener);
  }

  /** Ingests an event that came without a delivery id (polling, backfill). */
  public IngestResult ingest(ProviderEvent event) {
    return ingest(event, null);
  }

  /**
   * Ingests one event.
   *
   * @param delivery the webhook delivery that carried it; a delivery already recorded is reported as
   *     {@link IngestOutcome#DUPLICATE} and changes nothing
   * @throws dev.cicd.core.store.BuildStoreException when the store fails; nothing is recorded then
   */
  public IngestResult ingest(ProviderEvent event, @Nullable DeliveryKey delivery) {
    Objects.requireNonNull(event, "event");
    if (delivery != null && store.hasDelivery(delivery)) {
      return IngestResult.duplicate();
    }
    IngestResult result;
    if (event instanceof RunUpdate run) {
      result = merge(run.id(), existing -> BuildMerger.merge(existing, run, clock.instant()));
    } else if (event instanceof JobUpdate job) {
      result = merge(job.buildId(), existing -> BuildMerger.merge(existing, job, clock.instant()));
    } else {
      DeploymentUpdate deployment = (DeploymentUpdate) event;
      boolean created = store.saveDeploymentStatus(deployment.status());
      result = new IngestResult(created ? IngestOutcome.CREATED : IngestOutcome.UNCHANGED, null, deployment.status());
      if (created) {
        notifyDeployment(deployment);
      }
    }
    if (delivery != null && !store.recordDelivery(delivery, clock.instant())) {
      // A concurrent request carried the same delivery and recorded it: that one reports it stored.
      return IngestResult.duplicate();
    }
    return result;
  }

  /**
   * Ingests every event one webhook delivery carried and records the delivery. A delivery already
   * recorded gives one {@link IngestOutcome#DUPLICATE} result and changes nothing. When the store
   * {@linkplain BuildStore#writesBatches() writes batches}, deliveries that arrive together are stored in
   * one transaction with their delivery records (group commit, in {@link BuildStore#concurrentBatches()} lanes
   * that write at the same time; deliveries of one build share a lane); otherwise each is applied and then
   * recorded, so a crash in between re-applies it on redelivery, which the idempotent merge absorbs.
   * Either way the delivery is stored when this returns. With group commit, once a batch failed because the
   * store was unreachable, deliveries fail at once (one per second is let through to probe the store) until
   * one is stored again.
   *
   * @throws dev.cicd.core.store.BuildStoreException when the store fails or is known to be unreachable;
   *     the delivery is then not recorded
   */
  public List<IngestResult> ingestDelivery(DeliveryKey delivery, List<? extends ProviderEvent> events) {
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(events, "events");
    return groupCommit == null ? ingestAlone(delivery, events) : groupCommit.ingest(delivery, events);
  }

  /**
   * A group-commit lane of its own, for a {@link WebhookInbox}'s merger: the same merge, outage breaker and
   * listeners as webhooks stored synchronously.
   *
   * @throws IllegalStateException when the store writes no batches
   */
  GroupCommit newLane() {
    if (batchMerge == null || outage == null) {
      throw new IllegalStateException("the store " + store + " writes no batches");
    }
    return new GroupCommit(store, batchMerge, this::ingestAlone, outage);
  }

  private List<IngestResult> ingestAlone(DeliveryKey delivery, List<? extends ProviderEvent> events) {
    if (store.hasDelivery(delivery)) {
      return List.of(IngestResult.duplicate());
    }
    List<IngestResult> results = new java.util.ArrayList<>(events.size());
    for (ProviderEvent event : events) {
      results.add(ingest(event, null));
    }
    if (!store.recordDelivery(delivery, clock.instant())) {
      // A concurrent request carried the same delivery and recorded it first: exactly one reports it stored.
      return List.of(IngestResult.duplicate());
    }
    return results;
  }

  private IngestResult merge(BuildId id, Function<@Nullable Build, Build> mergeFn) {
    for (int attempt = 1; ; attempt++) {
      Optional<Build> current = store.find(id);
      Build before = current.orElse(null);
      Build merged = mergeFn.apply(before);
      if (before != null && merged.sameStateAs(before)) {
        return new IngestResult(IngestOutcome.UNCHANGED, before, null);
      }
      try {
        Build saved = store.save(merged, before == null ? 0 : before.version());
        notifyBuild(new BuildChange(before, saved));
        return new IngestResult(before == null ? IngestOutcome.CREATED : IngestOutcome.UPDATED, saved, null);
      } catch (ConcurrentBuildModificationException e) {
        if (attempt >= maxAttempts) {
          throw e;
        }
        LOG.debug("Retrying merge of build {} after a concurrent update (attempt {})", id, attempt);
        backOff(attempt, e);
      }
    }
  }

  private void notifyDeployment(DeploymentUpdate deployment) {
    for (IngestListener listener : listeners) {
      try {
        listener.onDeploymentStatus(deployment.status());
      } catch (RuntimeException e) {
        LOG.warn("Ingest listener {} failed for a deployment status of {}", listener, deployment.repository(), e);
      }
    }
  }

  private void notifyBuild(BuildChange change) {
    for (IngestListener listener : listeners) {
      try {
        listener.onBuildChanged(change);
      } catch (RuntimeException e) {
        LOG.warn("Ingest listener {} failed for build {}", listener, change.after().id(), e);
      }
    }
  }

  /**
   * Waits a random 0..2^attempt ms (at most 64) before the next try, so that writers who keep colliding on one
   * hot build spread out instead of retrying in lockstep until their attempts run out.
   */
  private static void backOff(int attempt, ConcurrentBuildModificationException conflict) {
    long maxMillis = Math.min(1L << Math.min(attempt, 6), 64L);
    try {
      Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(maxMillis + 1));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw conflict;
    }
  }
}

package dev.cicd.core.store;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.DeploymentStatus;
import dev.cicd.core.ingest.DeliveryKey;
import dev.cicd.core.metrics.BuildSummary;
import dev.cicd.core.metrics.MetricsQuery;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Persists builds, deployment statuses and the webhook delivery log, and computes metrics close to
 * the data. Implementations must be thread-safe; every one must pass {@code BuildStoreContract} from
 * the {@code cicd-core} test-jar. Failures of the underlying storage surface as
 * {@link BuildStoreException}; no other exception type escapes except the documented ones.
 *
 * <p>Stores persist what they are given: the merge rules live in {@code IngestionService}.
 */
public interface BuildStore {

  /** @return the build with its attempts, jobs and steps, or empty if no build has this id. */
  Optional<Build> find(BuildId id);

  /**
   * Inserts or replaces a build, with optimistic versioning.
   *
   * @param expectedVersion the version the caller read; 0 to insert a build that must not exist yet
   * @return the build as stored, with version {@code expectedVersion + 1}
   * @throws ConcurrentBuildModificationException if the stored version is not {@code expectedVersion}
   *     (another writer saved first, or the build exists when inserting)
   */
  Build save(Build build, long expectedVersion);

  /**
   * Lists builds newest first (see {@link BuildCursor#NEWEST_FIRST}) matching every non-null filter.
   * Listed builds carry all build-level fields and attempts; their job lists may be empty (use
   * {@link #find} for jobs and steps). An empty result is an empty page, never null.
   */
  Page<Build> list(BuildQuery query);

  /**
   * Computes the metrics summary exactly as {@code MetricsCalculator} defines it over this store's
   * builds and deployment statuses.
   */
  BuildSummary summarize(MetricsQuery query);

  /** @return number of stored builds. */
  long count();

  /**
   * Cheap availability probe for health checks.
   *
   * @throws BuildStoreException when the store cannot be reached
   */
  default void checkAvailable() {
    count();
  }

  /**
   * What the store adds to the {@code store} component of the health report (an embedded database's file size,
   * say), asked right after {@link #checkAvailable()} succeeded; must be cheap. None by default.
   */
  default Map<String, Object> healthDetails() {
    return Map.of();
  }

  /**
   * Stores a deployment status.
   *
   * @return true if stored now, false if a status with the same provider, repository and id existed
   *     (it is left unchanged)
   */
  boolean saveDeploymentStatus(DeploymentStatus status);

  /** @return deployment statuses of one repository, or of all when null, oldest first. */
  List<DeploymentStatus> deploymentStatuses(@Nullable String repository);

  /**
   * Records that a webhook delivery was applied. Atomic: of concurrent calls with the same key exactly
   * one returns true.
   *
   * @return true if recorded now, false if already recorded
   */
  boolean recordDelivery(DeliveryKey key, Instant receivedAt);

  /** @return whether the delivery was recorded. */
  boolean hasDelivery(DeliveryKey key);

  /**
   * Whether this store implements {@link #writeBatch}. Ingestion then commits the deliveries that arrive
   * together in one transaction (group commit). Default: false.
   */
  default boolean writesBatches() {
    return false;
  }

  /**
   * How many {@link #writeBatch} transactions ingestion runs at the same time (group-commit lanes; a build's
   * deliveries always share one). More than one helps a database server, where one batch is written while
   * another waits on the network and the server; an embedded database that serialises its commits gains
   * nothing and loses CPU to lock waits. Default: 1.
   */
  default int concurrentBatches() {
    return 1;
  }

  /**
   * Group commit, in one transaction: reads which of {@code deliveries} are recorded and the stored builds
   * among {@code ids}, hands both to {@code plan}, and stores what it returns — saving every build with its
   * expected version (as {@link #save} does) and recording every delivery as received at {@code receivedAt}
   * (as {@link #recordDelivery} does). All or nothing: when it throws, nothing of the batch is stored.
   * {@code plan} must not call the store; it may be called again when the store retries the transaction,
   * and then only the last plan counts.
   *
   * @return the builds as stored (version {@code expectedVersion + 1}), in the plan's order
   * @throws ConcurrentBuildModificationException when a build's stored version is not the expected one or
   *     a delivery of the plan is recorded already: another writer got there first
   * @throws UnsupportedOperationException when {@link #writesBatches()} is false
   */
  default List<Build> writeBatch(Collection<DeliveryKey> deliveries, Collection<BuildId> ids,
      Function<BatchRead, BatchPlan> plan, Instant receivedAt) {
    throw new UnsupportedOperationException(getClass().getName() + " does not write batches");
  }

  /**
   * Whether this store keeps a webhook inbox ({@link #appendInbox} and the methods after it), so webhooks can
   * be acknowledged once stored raw and merged behind. Default: false.
   */
  default boolean keepsInbox() {
    return false;
  }

  /**
   * Appends, in one transaction, every entry whose delivery is neither recorded ({@link #hasDelivery}) nor
   * in the inbox already, nor earlier in {@code entries}; durable when this returns. Of concurrent calls with
   * the same delivery exactly one appends it.
   *
   * @return the keys appended now (the others were duplicates)
   * @throws UnsupportedOperationException when {@link #keepsInbox()} is false
   */
  default java.util.Set<DeliveryKey> appendInbox(List<InboxEntry> entries) {
    throw new UnsupportedOperationException(getClass().getName() + " keeps no inbox");
  }

  /** At most {@code max} inbox entries with an id above {@code afterId}, by id (oldest first). */
  default List<InboxEntry> readInbox(long afterId, int max) {
    throw new UnsupportedOperationException(getClass().getName() + " keeps no inbox");
  }

  /** Removes these deliveries' entries from the inbox (once merged); keys not in it are ignored. */
  default void removeFromInbox(Collection<DeliveryKey> keys) {
    throw new UnsupportedOperationException(getClass().getName() + " keeps no inbox");
  }

  /** How many entries the inbox holds. */
  default long inboxSize() {
    throw new UnsupportedOperationException(getClass().getName() + " keeps no inbox");
  }

  /**
   * Retention: deletes at most {@code maxBuilds} builds whose latest attempt completed before
   * {@code cutoff}, with their attempts and jobs. Builds not completed are never deleted.
   *
   * @return the number of builds deleted; call again while it equals {@code maxBuilds}
   */
  int deleteCompletedBefore(Instant cutoff, int maxBuilds);
}

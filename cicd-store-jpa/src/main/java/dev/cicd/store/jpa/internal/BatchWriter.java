package dev.cicd.store.jpa.internal;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.ingest.DeliveryKey;
import dev.cicd.core.store.BatchPlan;
import dev.cicd.core.store.BatchRead;
import dev.cicd.core.store.BuildStoreException;
import dev.cicd.core.store.BuildWrite;
import dev.cicd.core.store.ConcurrentBuildModificationException;
import dev.cicd.store.jpa.internal.BuildMapping.TermIds;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import org.hibernate.Session;

/**
 * Group commit on JPA: one transaction reads the recorded deliveries ({@link BatchDeliveryLog}) and the builds'
 * aggregates into detached entities ({@link AggregateLoads}) in three statements for the whole batch, notes
 * their rows' values, lets the caller plan, maps the plan onto the same entities (no second read) and writes only
 * the rows that changed with batched plain-JDBC statements ({@link AggregateRows}: the updated builds first, each
 * only if its version is still the one read, which also locks it; a Hibernate flush walking every loaded entity
 * cost a fifth of the server's CPU under webhook load), then the delivery records (one JDBC batch) and the day
 * stamps.
 */
public final class BatchWriter {
  private final Jpa jpa;
  private final BuildWriter writer;
  private final DayStamps days;
  private final IdBlocks idBlocks;
  private final AggregateTables tables;
  private final AggregateLoads loads;
  private final BatchDeliveryLog deliveryLog;

  public BatchWriter(Jpa jpa, BuildWriter writer, DayStamps days, StoreDatabase db) {
    this.jpa = jpa;
    this.writer = writer;
    this.days = days;
    this.idBlocks = new IdBlocks(db);
    this.tables = new AggregateTables(db);
    this.loads = new AggregateLoads(db, tables);
    this.deliveryLog = new BatchDeliveryLog(db);
  }

  /** See {@code BuildStore#writeBatch}. */
  public List<Build> write(Collection<DeliveryKey> keys, Collection<BuildId> ids, Function<BatchRead, BatchPlan> plan,
      Instant receivedAt) {
    Objects.requireNonNull(receivedAt, "receivedAt");
    List<List<Build>> saved = new ArrayList<>(1);
    try {
      days.retryingMissingDays(() -> saved.add(jpa.inTransaction(() -> "Failed to store a batch of " + keys.size()
          + " deliveries", em -> writeIn(em, keys, ids, plan, receivedAt))));
    } catch (BuildStoreException e) {
      if (Failures.isUniqueViolation(e) || Failures.isWriteConflict(e)) {
        throw new ConcurrentBuildModificationException("A batch of " + keys.size()
            + " deliveries met a concurrent writer: " + e.getMessage());
      }
      throw e;
    }
    return saved.get(saved.size() - 1);
  }

  private List<Build> writeIn(EntityManager em, Collection<DeliveryKey> keys, Collection<BuildId> ids,
      Function<BatchRead, BatchPlan> plan, Instant receivedAt) {
    // Nothing of this transaction goes through Hibernate's flush: every row is written with JDBC below.
    em.setFlushMode(FlushModeType.COMMIT);
    Set<DeliveryKey> recorded = em.unwrap(Session.class).doReturningWork(c -> deliveryLog.recorded(c, keys));
    Map<BuildId, BuildEntity> entities = em.unwrap(Session.class).doReturningWork(c -> loads.load(c, ids));
    Map<BuildId, Build> builds = new HashMap<>();
    AggregateRows rows = new AggregateRows(tables, idBlocks);
    entities.forEach((id, entity) -> {
      builds.put(id, BuildMapping.toBuild(entity, true));
      rows.read(entity);
    });
    BatchPlan batch = plan.apply(new BatchRead(recorded, builds));
    List<Build> saved = new ArrayList<>(batch.builds().size());
    List<BuildEntity> written = new ArrayList<>(batch.builds().size());
    SortedSet<Long> touched = new TreeSet<>();
    for (BuildWrite write : batch.builds()) {
      TermIds terms = writer.prepare(write.build());
      written.add(BuildWriter.applyLoaded(entities.get(write.build().id()), write.build(), write.expectedVersion(),
          terms, touched));
      saved.add(write.build().withVersion(write.expectedVersion() + 1));
    }
    for (DeliveryKey key : batch.deliveries()) {
      if (recorded.contains(key)) {
        throw new ConcurrentBuildModificationException("Delivery " + key.asString() + " is recorded already");
      }
    }
    em.unwrap(Session.class).doWork(c -> {
      rows.write(c, written);
      deliveryLog.record(c, batch.deliveries(), receivedAt);
      days.touch(c, touched);
    });
    return saved;
  }
}

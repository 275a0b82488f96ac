package dev.cicd.store.jpa.internal;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.ingest.DeliveryKey;
import dev.cicd.core.store.BuildStoreException;
import dev.cicd.core.store.BuildWrite;
import dev.cicd.core.store.ConcurrentBuildModificationException;
import dev.cicd.store.jpa.internal.BuildMapping.TermIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The batch operations of group commit: several builds read in one transaction, the recorded ones of
 * several deliveries looked up in one, and several builds saved with their delivery records in one.
 */
public final class BatchWriter {
  private final Jpa jpa;
  private final BuildWriter writer;
  private final DayStamps days;

  public BatchWriter(Jpa jpa, BuildWriter writer, DayStamps days) {
    this.jpa = jpa;
    this.writer = writer;
    this.days = days;
  }

  public Map<BuildId, Build> findAll(Collection<BuildId> ids) {
    return jpa.inTransaction(() -> "Failed to load " + ids.size() + " builds", em -> {
      Map<BuildId, Build> found = new HashMap<>();
      for (BuildId id : ids) {
        BuildWriter.load(em, id).ifPresent(entity -> found.put(id, BuildMapping.toBuild(entity, true)));
      }
      return found;
    });
  }

  public Set<DeliveryKey> recorded(Collection<DeliveryKey> keys) {
    return jpa.inTransaction(() -> "Failed to look up " + keys.size() + " deliveries", em -> {
      Set<DeliveryKey> recorded = new HashSet<>();
      for (DeliveryKey key : keys) {
        if (em.find(DeliveryEntity.class, DeliveryLog.id(key)) != null) {
          recorded.add(key);
        }
      }
      return recorded;
    });
  }

  /** Saves every build and records every delivery in one transaction; see {@code BuildStore#writeBatch}. */
  public List<Build> write(List<BuildWrite> writes, List<DeliveryKey> keys, Instant receivedAt) {
    Objects.requireNonNull(receivedAt, "receivedAt");
    List<TermIds> ids = new ArrayList<>(writes.size());
    for (BuildWrite write : writes) {
      ids.add(writer.prepare(write.build()));
    }
    try {
      days.retryingMissingDays(() -> jpa.inTransaction(() -> "Failed to store a batch of " + keys.size()
          + " deliveries", em -> {
            for (int i = 0; i < writes.size(); i++) {
              writer.write(em, writes.get(i).build(), writes.get(i).expectedVersion(), ids.get(i));
            }
            for (DeliveryKey key : keys) {
              em.persist(DeliveryEntity.of(DeliveryLog.id(key), receivedAt, DeliveryLog.APPLIED));
            }
            em.flush();
            return null;
          }));
    } catch (BuildStoreException e) {
      if (Failures.isUniqueViolation(e) || Failures.isWriteConflict(e)) {
        throw new ConcurrentBuildModificationException("A batch of " + keys.size()
            + " deliveries met a concurrent writer: " + e.getMessage());
      }
      throw e;
    }
    List<Build> saved = new ArrayList<>(writes.size());
    for (BuildWrite write : writes) {
      saved.add(write.build().withVersion(write.expectedVersion() + 1));
    }
    return saved;
  }
}

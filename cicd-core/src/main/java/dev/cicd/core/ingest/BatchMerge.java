package dev.cicd.core.ingest;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.internal.BuildMerger;
import dev.cicd.core.store.BatchPlan;
import dev.cicd.core.store.BatchRead;
import dev.cicd.core.store.BuildStore;
import dev.cicd.core.store.BuildWrite;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Merges a batch of deliveries in memory, in arrival order, inside one {@link BuildStore#writeBatch}
 * transaction: the same builds and outcomes as ingesting them one after the other, with one read and one
 * write. Listeners hear of every change once the batch is stored.
 */
final class BatchMerge {
  private final BuildStore store;
  private final Clock clock;
  private final Consumer<BuildChange> listeners;

  BatchMerge(BuildStore store, Clock clock, Consumer<BuildChange> listeners) {
    this.store = store;
    this.clock = clock;
    this.listeners = listeners;
  }

  /** Run and job events merge in a batch; a delivery with anything else is stored on its own. */
  static boolean canBatch(List<? extends ProviderEvent> events) {
    for (ProviderEvent event : events) {
      if (!(event instanceof RunUpdate) && !(event instanceof JobUpdate)) {
        return false;
      }
    }
    return true;
  }

  /** Stores the batch and completes every delivery of it; throws (completing none) when the write fails. */
  void write(List<Pending> batch) {
    Instant now = clock.instant();
    Set<DeliveryKey> keys = new LinkedHashSet<>();
    Set<BuildId> ids = new LinkedHashSet<>();
    for (Pending pending : batch) {
      keys.add(pending.key);
      pending.events.forEach(event -> ids.add(idOf(event)));
    }
    Plan plan = new Plan(batch, now);
    Map<BuildId, Long> versions = new HashMap<>();
    for (Build saved : store.writeBatch(keys, ids, plan::make, now)) {
      versions.put(saved.id(), saved.version());
    }
    for (BuildChange change : plan.changes) {
      listeners.accept(new BuildChange(change.before(), stamped(change.after(), versions)));
    }
    for (Pending pending : batch) {
      List<IngestResult> own = new ArrayList<>();
      for (IngestResult result : plan.results.get(pending)) {
        Build build = result.build();
        own.add(build == null ? result : new IngestResult(result.outcome(), stamped(build, versions), null));
      }
      pending.complete(List.copyOf(own));
    }
  }

  /** The in-memory merge of one batch over what the store read; made again if the store retries. */
  private static final class Plan {
    private final List<Pending> batch;
    private final Instant now;
    Map<Pending, List<IngestResult>> results = new IdentityHashMap<>();
    List<BuildChange> changes = new ArrayList<>();

    Plan(List<Pending> batch, Instant now) {
      this.batch = batch;
      this.now = now;
    }

    BatchPlan make(BatchRead read) {
      results = new IdentityHashMap<>();
      changes = new ArrayList<>();
      Map<BuildId, Build> working = new HashMap<>(read.builds());
      Map<BuildId, Build> changed = new LinkedHashMap<>();
      Set<DeliveryKey> taken = new LinkedHashSet<>();
      for (Pending pending : batch) {
        if (read.recorded().contains(pending.key) || !taken.add(pending.key)) {
          results.put(pending, List.of(IngestResult.duplicate()));
          continue;
        }
        List<IngestResult> own = new ArrayList<>();
        for (ProviderEvent event : pending.events) {
          BuildId id = idOf(event);
          Build before = working.get(id);
          Build merged = merge(before, event, now);
          if (before != null && merged.sameStateAs(before)) {
            own.add(new IngestResult(IngestOutcome.UNCHANGED, before, null));
          } else {
            working.put(id, merged);
            changed.put(id, merged);
            changes.add(new BuildChange(before, merged));
            own.add(new IngestResult(before == null ? IngestOutcome.CREATED : IngestOutcome.UPDATED, merged, null));
          }
        }
        results.put(pending, own);
      }
      List<BuildWrite> writes = new ArrayList<>(changed.size());
      for (Build build : changed.values()) {
        Build stored = read.builds().get(build.id());
        writes.add(new BuildWrite(build, stored == null ? 0 : stored.version()));
      }
      return new BatchPlan(writes, List.copyOf(taken));
    }
  }

  /** A build merged in this batch carries the version it was stored with; others keep theirs. */
  private static Build stamped(Build build, Map<BuildId, Long> versions) {
    Long version = versions.get(build.id());
    return version == null || version == build.version() ? build : build.withVersion(version);
  }

  static BuildId idOf(ProviderEvent event) {
    return event instanceof RunUpdate run ? run.id() : ((JobUpdate) event).buildId();
  }

  private static Build merge(@Nullable Build existing, ProviderEvent event, Instant now) {
    return event instanceof RunUpdate run ? BuildMerger.merge(existing, run, now)
        : BuildMerger.merge(existing, (JobUpdate) event, now);
  }
}

package dev.cicd.store.jpa.internal;

import dev.cicd.core.build.BuildId;
import dev.cicd.core.store.ConcurrentBuildModificationException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes build aggregates (build, attempts, jobs with their steps) with batched plain-JDBC statements instead of a
 * Hibernate flush, for group commit: the entities are read detached ({@link AggregateLoads}), {@link #read}
 * notes every row's values, {@link BuildMapping#apply} changes the entities in place, and {@link #write}
 * inserts the new rows (ids from the tables' sequences, {@link IdBlocks}), updates the rows whose values
 * changed and deletes the rows the mapping dropped. The mapping stays the one Hibernate uses; only the reads
 * and the flush are ours.
 */
final class AggregateRows {
  private final RowTable<BuildEntity> builds;
  private final RowTable<AttemptEntity> attempts;
  private final RowTable<JobEntity> jobs;
  private final IdBlocks ids;
  /** Values of every row as read, by entity. */
  private final Map<Object, @Nullable Object[]> read = new IdentityHashMap<>();
  /** Ids of the child rows read, by build. */
  private final Map<BuildEntity, Map<Object, Long>> readChildren = new IdentityHashMap<>();

  AggregateRows(AggregateTables tables, IdBlocks ids) {
    this.ids = ids;
    this.builds = tables.builds;
    this.attempts = tables.attempts;
    this.jobs = tables.jobs;
  }

  /** Notes the values of a loaded aggregate's rows (before the mapping changes them). */
  void read(BuildEntity build) {
    linkParents(build);
    read.put(build, builds.values(build));
    Map<Object, Long> children = new IdentityHashMap<>();
    readChildren.put(build, children);
    build.attempts.forEach(a -> note(children, a, attempts.values(a), a.id));
    build.jobs.forEach(job -> note(children, job, jobs.values(job), job.id));
  }

  /** Children point at their parents' instances (never at a lazy proxy), whose ids the rows carry. */
  private static void linkParents(BuildEntity build) {
    build.attempts.forEach(a -> a.build = build);
    build.jobs.forEach(j -> j.build = build);
  }

  private void note(Map<Object, Long> children, Object entity, @Nullable Object[] values, @Nullable Long id) {
    read.put(entity, values);
    children.put(entity, Objects.requireNonNull(id));
  }

  /** Writes the aggregates as they are now: new rows inserted, changed rows updated, dropped rows deleted. */
  void write(Connection c, List<BuildEntity> aggregates) throws SQLException {
    Changes<BuildEntity> b = new Changes<>();
    Changes<AttemptEntity> a = new Changes<>();
    Changes<JobEntity> j = new Changes<>();
    Map<Object, Boolean> kept = new IdentityHashMap<>();
    for (BuildEntity build : aggregates) {
      linkParents(build);
      b.add(build, kept);
      build.attempts.forEach(attempt -> a.add(attempt, kept));
      build.jobs.forEach(job -> j.add(job, kept));
    }
    List<Long> droppedAttempts = new ArrayList<>();
    List<Long> droppedJobs = new ArrayList<>();
    for (BuildEntity build : aggregates) {
      readChildren.getOrDefault(build, Map.of()).forEach((entity, id) -> {
        if (!kept.containsKey(entity)) {
          (entity instanceof JobEntity ? droppedJobs : droppedAttempts).add(id);
        }
      });
    }
    // The builds first: each update checks and bumps the version as read, which locks the build row before any
    // of its children, the order single saves lock in too.
    builds.update(c, b.updated, b.before, "version", AggregateRows::stale);
    jobs.delete(c, droppedJobs);
    attempts.delete(c, droppedAttempts);
    for (BuildEntity build : b.inserted) {
      build.id = ids.next(c, "build_seq");
    }
    for (AttemptEntity attempt : a.inserted) {
      attempt.id = ids.next(c, "attempt_seq");
    }
    for (JobEntity job : j.inserted) {
      job.id = ids.next(c, "job_seq");
    }
    builds.insert(c, b.inserted);
    attempts.insert(c, a.inserted);
    attempts.update(c, a.updated, a.before);
    jobs.insert(c, j.inserted);
    jobs.update(c, j.updated, j.before);
  }

  private static RuntimeException stale(BuildEntity build) {
    return new ConcurrentBuildModificationException(new BuildId(build.provider, build.repository, build.runId),
        build.version - 1);
  }

  /** The rows of one table: new ones, and read ones with their values as read. */
  private final class Changes<E> {
    final List<E> inserted = new ArrayList<>();
    final List<E> updated = new ArrayList<>();
    final List<@Nullable Object[]> before = new ArrayList<>();

    void add(E entity, Map<Object, Boolean> kept) {
      kept.put(entity, Boolean.TRUE);
      @Nullable Object[] values = read.get(entity);
      if (values == null) {
        inserted.add(entity);
      } else {
        updated.add(entity);
        before.add(values);
      }
    }
  }
}

package dev.cicd.store.jpa.internal;

import static dev.cicd.store.jpa.internal.RowTable.column;

import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes build aggregates (build, attempts, jobs, steps) with batched plain-JDBC statements instead of a
 * Hibernate flush, for group commit: the entities are loaded (and detached) as usual, {@link #read} notes
 * every row's values, {@link BuildMapping#apply} changes the entities in place, and {@link #write} inserts
 * the new rows (ids from the tables' sequences, {@link IdBlocks}), updates the rows whose values changed and
 * deletes the rows the mapping dropped. The mapping stays the one Hibernate uses; only the flush is ours.
 */
final class AggregateRows {
  private final RowTable<BuildEntity> builds;
  private final RowTable<AttemptEntity> attempts;
  private final RowTable<JobEntity> jobs;
  private final RowTable<StepEntity> steps;
  private final IdBlocks ids;
  /** Values of every row as read, by entity. */
  private final Map<Object, @Nullable Object[]> read = new IdentityHashMap<>();
  /** Ids of the child rows read, by build. */
  private final Map<BuildEntity, Map<Object, Long>> readChildren = new IdentityHashMap<>();

  AggregateRows(StoreDatabase db, IdBlocks ids) {
    this.ids = ids;
    this.builds = new RowTable<>(db.table("build"), List.of(
        column("provider", Types.VARCHAR, e -> e.provider),
        column("repository", Types.VARCHAR, e -> e.repository),
        column("run_id", Types.BIGINT, e -> e.runId),
        column("version", Types.BIGINT, e -> e.version),
        column("workflow_id", Types.BIGINT, e -> e.workflowId),
        column("workflow_name", Types.VARCHAR, e -> e.workflowName),
        column("workflow_path", Types.VARCHAR, e -> e.workflowPath),
        column("run_number", Types.BIGINT, e -> e.runNumber),
        column("branch", Types.VARCHAR, e -> e.branch),
        column("commit_sha", Types.VARCHAR, e -> e.commitSha),
        column("commit_key", Types.BIGINT, e -> e.commitKey),
        column("event", Types.VARCHAR, e -> e.event),
        column("actor", Types.VARCHAR, e -> e.actor),
        column("title", Types.VARCHAR, e -> e.title),
        column("url", Types.VARCHAR, e -> e.url),
        column("created_at", Types.BIGINT, e -> nanos(e.createdAt)),
        column("head_commit_at", Types.BIGINT, e -> nanos(e.headCommitAt)),
        column("pull_requests", Types.VARCHAR, e -> e.pullRequests),
        column("status", Types.VARCHAR, e -> wire(e.status)),
        column("conclusion", Types.VARCHAR, e -> wire(e.conclusion)),
        column("started_at", Types.BIGINT, e -> nanos(e.startedAt)),
        column("completed_at", Types.BIGINT, e -> nanos(e.completedAt)),
        column("duration_ms", Types.BIGINT, e -> e.durationMs),
        column("attempt_number", Types.INTEGER, e -> e.attemptNumber),
        column("attempt_outcomes", Types.VARCHAR, e -> e.attemptOutcomes),
        column("provider_term", Types.BIGINT, e -> e.providerTerm),
        column("repository_term", Types.BIGINT, e -> e.repositoryTerm),
        column("workflow_term", Types.BIGINT, e -> e.workflowTerm),
        column("branch_term", Types.BIGINT, e -> e.branchTerm),
        column("event_term", Types.BIGINT, e -> e.eventTerm),
        column("sort_key", Types.BINARY, e -> e.sortKey)), e -> Objects.requireNonNull(e.id));
    this.attempts = new RowTable<>(db.table("attempt"), List.of(
        column("build_id", Types.BIGINT, a -> a.build.id),
        column("number", Types.INTEGER, a -> a.number),
        column("status", Types.VARCHAR, a -> wire(a.status)),
        column("conclusion", Types.VARCHAR, a -> wire(a.conclusion)),
        column("started_at", Types.BIGINT, a -> nanos(a.startedAt)),
        column("updated_at", Types.BIGINT, a -> nanos(a.updatedAt)),
        column("completed_at", Types.BIGINT, a -> nanos(a.completedAt)),
        column("triggering_actor", Types.VARCHAR, a -> a.triggeringActor),
        column("placeholder", Types.BOOLEAN, a -> a.placeholder)), a -> Objects.requireNonNull(a.id));
    this.jobs = new RowTable<>(db.table("job"), List.of(
        column("build_id", Types.BIGINT, j -> j.build.id),
        column("attempt", Types.INTEGER, j -> j.attempt),
        column("job_id", Types.BIGINT, j -> j.jobId),
        column("name", Types.VARCHAR, j -> j.name),
        column("status", Types.VARCHAR, j -> wire(j.status)),
        column("conclusion", Types.VARCHAR, j -> wire(j.conclusion)),
        column("created_at", Types.BIGINT, j -> nanos(j.createdAt)),
        column("started_at", Types.BIGINT, j -> nanos(j.startedAt)),
        column("completed_at", Types.BIGINT, j -> nanos(j.completedAt)),
        column("runner_name", Types.VARCHAR, j -> j.runnerName),
        column("runner_group", Types.VARCHAR, j -> j.runnerGroup),
        column("labels", Types.VARCHAR, j -> j.labels),
        column("url", Types.VARCHAR, j -> j.url),
        column("queue_ms", Types.BIGINT, j -> j.queueMs),
        column("build_completed_at", Types.BIGINT, j -> j.buildCompletedAt),
        column("repository_term", Types.BIGINT, j -> j.repositoryTerm),
        column("workflow_term", Types.BIGINT, j -> j.workflowTerm),
        column("branch_term", Types.BIGINT, j -> j.branchTerm)), j -> Objects.requireNonNull(j.id));
    this.steps = new RowTable<>(db.table("step"), List.of(
        column("job_id", Types.BIGINT, s -> s.job.id),
        column("position", Types.INTEGER, s -> s.position),
        column("number", Types.INTEGER, s -> s.number),
        column("name", Types.VARCHAR, s -> s.name),
        column("status", Types.VARCHAR, s -> wire(s.status)),
        column("conclusion", Types.VARCHAR, s -> wire(s.conclusion)),
        column("started_at", Types.BIGINT, s -> nanos(s.startedAt)),
        column("completed_at", Types.BIGINT, s -> nanos(s.completedAt))), s -> Objects.requireNonNull(s.id));
  }

  /** Notes the values of a loaded aggregate's rows (before the mapping changes them). */
  void read(BuildEntity build) {
    linkParents(build);
    read.put(build, builds.values(build));
    Map<Object, Long> children = new IdentityHashMap<>();
    readChildren.put(build, children);
    build.attempts.forEach(a -> note(children, a, attempts.values(a), a.id));
    for (JobEntity job : build.jobs) {
      note(children, job, jobs.values(job), job.id);
      job.steps.forEach(s -> note(children, s, steps.values(s), s.id));
    }
  }

  /** Children point at their parents' instances (never at a lazy proxy), whose ids the rows carry. */
  private static void linkParents(BuildEntity build) {
    build.attempts.forEach(a -> a.build = build);
    for (JobEntity job : build.jobs) {
      job.build = build;
      job.steps.forEach(s -> s.job = job);
    }
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
    Changes<StepEntity> s = new Changes<>();
    Map<Object, Boolean> kept = new IdentityHashMap<>();
    for (BuildEntity build : aggregates) {
      linkParents(build);
      b.add(build, kept);
      build.attempts.forEach(attempt -> a.add(attempt, kept));
      for (JobEntity job : build.jobs) {
        j.add(job, kept);
        job.steps.forEach(step -> s.add(step, kept));
      }
    }
    List<Long> droppedAttempts = new ArrayList<>();
    List<Long> droppedJobs = new ArrayList<>();
    List<Long> droppedSteps = new ArrayList<>();
    for (BuildEntity build : aggregates) {
      readChildren.getOrDefault(build, Map.of()).forEach((entity, id) -> {
        if (!kept.containsKey(entity)) {
          (entity instanceof StepEntity ? droppedSteps : entity instanceof JobEntity ? droppedJobs
              : droppedAttempts).add(id);
        }
      });
    }
    steps.delete(c, droppedSteps);
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
    for (StepEntity step : s.inserted) {
      step.id = ids.next(c, "step_seq");
    }
    builds.insert(c, b.inserted);
    builds.update(c, b.updated, b.before);
    attempts.insert(c, a.inserted);
    attempts.update(c, a.updated, a.before);
    jobs.insert(c, j.inserted);
    jobs.update(c, j.updated, j.before);
    steps.insert(c, s.inserted);
    steps.update(c, s.updated, s.before);
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

  private static @Nullable Long nanos(@Nullable Instant instant) {
    return Nanos.ofNullable(instant);
  }

  private static @Nullable String wire(@Nullable BuildStatus status) {
    return status == null ? null : status.wireName();
  }

  private static @Nullable String wire(@Nullable Conclusion conclusion) {
    return conclusion == null ? null : conclusion.wireName();
  }
}

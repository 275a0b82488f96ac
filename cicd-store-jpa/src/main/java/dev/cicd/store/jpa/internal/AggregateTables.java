package dev.cicd.store.jpa.internal;

import static dev.cicd.store.jpa.internal.RowTable.column;

import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The three tables of a build aggregate (build, attempt, job with its steps) as {@link RowTable}s: every column with
 * how its database form is read off an entity and set on one. One instance per store; the column lists
 * are the ones the entities' JPA mapping declares, so rows written here and by Hibernate are the same.
 */
final class AggregateTables {
  private static final WireNameConverters.StatusConverter STATUS = new WireNameConverters.StatusConverter();
  private static final WireNameConverters.ConclusionConverter CONCLUSION =
      new WireNameConverters.ConclusionConverter();

  final RowTable<BuildEntity> builds;
  final RowTable<AttemptEntity> attempts;
  final RowTable<JobEntity> jobs;

  AggregateTables(StoreDatabase db) {
    this.builds = new RowTable<>(db.table("build"), List.of(
        column("provider", Types.VARCHAR, e -> e.provider, (e, v) -> e.provider = (String) v),
        column("repository", Types.VARCHAR, e -> e.repository, (e, v) -> e.repository = (String) v),
        column("run_id", Types.BIGINT, e -> e.runId, (e, v) -> e.runId = (Long) v),
        column("version", Types.BIGINT, e -> e.version, (e, v) -> e.version = (Long) v),
        column("workflow_id", Types.BIGINT, e -> e.workflowId, (e, v) -> e.workflowId = (Long) v),
        column("workflow_name", Types.VARCHAR, e -> e.workflowName, (e, v) -> e.workflowName = (String) v),
        column("workflow_path", Types.VARCHAR, e -> e.workflowPath, (e, v) -> e.workflowPath = (String) v),
        column("run_number", Types.BIGINT, e -> e.runNumber, (e, v) -> e.runNumber = (Long) v),
        column("branch", Types.VARCHAR, e -> e.branch, (e, v) -> e.branch = (String) v),
        column("commit_sha", Types.VARCHAR, e -> e.commitSha, (e, v) -> e.commitSha = (String) v),
        column("commit_key", Types.BIGINT, e -> e.commitKey, (e, v) -> e.commitKey = (Long) v),
        column("event", Types.VARCHAR, e -> e.event, (e, v) -> e.event = (String) v),
        column("actor", Types.VARCHAR, e -> e.actor, (e, v) -> e.actor = (String) v),
        column("title", Types.VARCHAR, e -> e.title, (e, v) -> e.title = (String) v),
        column("url", Types.VARCHAR, e -> e.url, (e, v) -> e.url = (String) v),
        column("created_at", Types.BIGINT, e -> nanos(e.createdAt), (e, v) -> e.createdAt = instant(v)),
        column("head_commit_at", Types.BIGINT, e -> nanos(e.headCommitAt), (e, v) -> e.headCommitAt = instant(v)),
        column("pull_requests", Types.VARCHAR, e -> e.pullRequests, (e, v) -> e.pullRequests = (String) v),
        column("status", Types.VARCHAR, e -> wire(e.status), (e, v) -> e.status = status(v)),
        column("conclusion", Types.VARCHAR, e -> wire(e.conclusion), (e, v) -> e.conclusion = conclusion(v)),
        column("started_at", Types.BIGINT, e -> nanos(e.startedAt), (e, v) -> e.startedAt = instant(v)),
        column("completed_at", Types.BIGINT, e -> nanos(e.completedAt), (e, v) -> e.completedAt = instant(v)),
        column("duration_ms", Types.BIGINT, e -> e.durationMs, (e, v) -> e.durationMs = (Long) v),
        column("attempt_number", Types.INTEGER, e -> e.attemptNumber, (e, v) -> e.attemptNumber = (Integer) v),
        column("attempt_outcomes", Types.VARCHAR, e -> e.attemptOutcomes,
            (e, v) -> e.attemptOutcomes = (String) v),
        column("provider_term", Types.BIGINT, e -> e.providerTerm, (e, v) -> e.providerTerm = (Long) v),
        column("repository_term", Types.BIGINT, e -> e.repositoryTerm, (e, v) -> e.repositoryTerm = (Long) v),
        column("workflow_term", Types.BIGINT, e -> e.workflowTerm, (e, v) -> e.workflowTerm = (Long) v),
        column("branch_term", Types.BIGINT, e -> e.branchTerm, (e, v) -> e.branchTerm = (Long) v),
        column("event_term", Types.BIGINT, e -> e.eventTerm, (e, v) -> e.eventTerm = (Long) v),
        column("sort_key", Types.BINARY, e -> e.sortKey, (e, v) -> e.sortKey = (byte[]) v)),
        e -> Objects.requireNonNull(e.id), (e, id) -> e.id = id);
    this.attempts = new RowTable<>(db.table("attempt"), List.of(
        column("build_id", Types.BIGINT, a -> a.build.id, null),
        column("number", Types.INTEGER, a -> a.number, (a, v) -> a.number = (Integer) v),
        column("status", Types.VARCHAR, a -> wire(a.status), (a, v) -> a.status = status(v)),
        column("conclusion", Types.VARCHAR, a -> wire(a.conclusion), (a, v) -> a.conclusion = conclusion(v)),
        column("started_at", Types.BIGINT, a -> nanos(a.startedAt), (a, v) -> a.startedAt = instant(v)),
        column("updated_at", Types.BIGINT, a -> nanos(a.updatedAt), (a, v) -> a.updatedAt = instant(v)),
        column("completed_at", Types.BIGINT, a -> nanos(a.completedAt), (a, v) -> a.completedAt = instant(v)),
        column("triggering_actor", Types.VARCHAR, a -> a.triggeringActor,
            (a, v) -> a.triggeringActor = (String) v),
        column("placeholder", Types.BOOLEAN, a -> a.placeholder, (a, v) -> a.placeholder = (Boolean) v)),
        a -> Objects.requireNonNull(a.id), (a, id) -> a.id = id);
    this.jobs = new RowTable<>(db.table("job"), List.of(
        column("build_id", Types.BIGINT, j -> j.build.id, null),
        column("attempt", Types.INTEGER, j -> j.attempt, (j, v) -> j.attempt = (Integer) v),
        column("job_id", Types.BIGINT, j -> j.jobId, (j, v) -> j.jobId = (Long) v),
        column("name", Types.VARCHAR, j -> j.name, (j, v) -> j.name = (String) v),
        column("status", Types.VARCHAR, j -> wire(j.status), (j, v) -> j.status = status(v)),
        column("conclusion", Types.VARCHAR, j -> wire(j.conclusion), (j, v) -> j.conclusion = conclusion(v)),
        column("created_at", Types.BIGINT, j -> nanos(j.createdAt), (j, v) -> j.createdAt = instant(v)),
        column("started_at", Types.BIGINT, j -> nanos(j.startedAt), (j, v) -> j.startedAt = instant(v)),
        column("completed_at", Types.BIGINT, j -> nanos(j.completedAt), (j, v) -> j.completedAt = instant(v)),
        column("runner_name", Types.VARCHAR, j -> j.runnerName, (j, v) -> j.runnerName = (String) v),
        column("runner_group", Types.VARCHAR, j -> j.runnerGroup, (j, v) -> j.runnerGroup = (String) v),
        column("labels", Types.VARCHAR, j -> j.labels, (j, v) -> j.labels = (String) v),
        column("url", Types.VARCHAR, j -> j.url, (j, v) -> j.url = (String) v),
        column("queue_ms", Types.BIGINT, j -> j.queueMs, (j, v) -> j.queueMs = (Long) v),
        column("build_completed_at", Types.BIGINT, j -> j.buildCompletedAt,
            (j, v) -> j.buildCompletedAt = (Long) v),
        column("repository_term", Types.BIGINT, j -> j.repositoryTerm, (j, v) -> j.repositoryTerm = (Long) v),
        column("workflow_term", Types.BIGINT, j -> j.workflowTerm, (j, v) -> j.workflowTerm = (Long) v),
        column("branch_term", Types.BIGINT, j -> j.branchTerm, (j, v) -> j.branchTerm = (Long) v),
        column("steps", Types.VARCHAR, j -> j.steps, (j, v) -> j.steps = (String) v)),
        j -> Objects.requireNonNull(j.id), (j, id) -> j.id = id);
  }

  private static @Nullable Long nanos(@Nullable Instant instant) {
    return Nanos.ofNullable(instant);
  }

  private static @Nullable Instant instant(@Nullable Object nanos) {
    return Nanos.toInstant((Long) nanos);
  }

  private static @Nullable String wire(@Nullable BuildStatus status) {
    return status == null ? null : status.wireName();
  }

  private static @Nullable String wire(@Nullable Conclusion conclusion) {
    return conclusion == null ? null : conclusion.wireName();
  }

  private static @Nullable BuildStatus status(@Nullable Object wire) {
    return STATUS.convertToEntityAttribute((String) wire);
  }

  private static @Nullable Conclusion conclusion(@Nullable Object wire) {
    return CONCLUSION.convertToEntityAttribute((String) wire);
  }
}

package dev.cicd.store.jpa.internal;

import dev.cicd.core.build.Attempt;
import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.Job;
import dev.cicd.core.build.Step;
import dev.cicd.core.build.Workflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies a {@link Build} onto its entities and back. Child rows are updated in place by key (attempt
 * number; attempt and job id), so a save writes only what changed; a job's steps are a column of its row.
 */
public final class BuildMapping {
  /** Interned ids of a build's strings. */
  public record TermIds(long provider, long repository, long workflow, long branch, long event) {}

  private BuildMapping() {}

  public static void apply(Build build, BuildEntity e, TermIds terms, long version) {
    e.provider = build.id().provider();
    e.repository = build.id().repository();
    e.runId = build.id().runId();
    e.version = version;
    e.workflowId = build.workflow().id();
    e.workflowName = build.workflow().name();
    e.workflowPath = build.workflow().path();
    e.runNumber = build.runNumber();
    e.branch = build.branch();
    e.commitSha = build.commitSha();
    e.commitKey = build.commitSha() == null ? null : Terms.hash(build.commitSha());
    e.event = build.event();
    e.actor = build.actor();
    e.title = build.title();
    e.url = build.url();
    e.createdAt = build.createdAt();
    e.headCommitAt = build.headCommitAt();
    e.pullRequests = TextLists.encodeInts(build.pullRequests());
    e.status = build.status();
    e.conclusion = build.conclusion();
    e.startedAt = build.startedAt();
    e.completedAt = build.completedAt();
    e.durationMs = build.durationMs();
    e.attemptNumber = build.attemptNumber();
    e.attemptOutcomes = AttemptOutcomes.encode(build.attempts());
    e.providerTerm = terms.provider();
    e.repositoryTerm = terms.repository();
    e.workflowTerm = terms.workflow();
    e.branchTerm = terms.branch();
    e.eventTerm = terms.event();
    e.sortKey = SortKey.of(build.id().repository(), build.id().provider());
    applyAttempts(build.attempts(), e);
    applyJobs(build, e, terms);
  }

  private static void applyAttempts(List<Attempt> attempts, BuildEntity e) {
    Map<Integer, AttemptEntity> existing = new HashMap<>();
    e.attempts.forEach(a -> existing.put(a.number, a));
    Set<AttemptEntity> kept = new HashSet<>();
    for (Attempt attempt : attempts) {
      AttemptEntity a = existing.get(attempt.number());
      if (a == null) {
        a = AttemptEntity.of(e, attempt.number());
        e.attempts.add(a);
      }
      a.status = attempt.status();
      a.conclusion = attempt.conclusion();
      a.startedAt = attempt.startedAt();
      a.updatedAt = attempt.updatedAt();
      a.completedAt = attempt.completedAt();
      a.triggeringActor = attempt.triggeringActor();
      a.placeholder = attempt.placeholder();
      kept.add(a);
    }
    e.attempts.removeIf(a -> !kept.contains(a));
  }

  private record JobKey(int attempt, long id) {}

  private static void applyJobs(Build build, BuildEntity e, TermIds terms) {
    Map<JobKey, JobEntity> existing = new HashMap<>();
    e.jobs.forEach(j -> existing.put(new JobKey(j.attempt, j.jobId), j));
    Set<JobEntity> kept = new HashSet<>();
    Long completedAt = Nanos.ofNullable(build.completedAt());
    for (Job job : build.jobs()) {
      JobEntity j = existing.get(new JobKey(job.attempt(), job.id()));
      if (j == null) {
        j = JobEntity.of(e, job.attempt(), job.id());
        e.jobs.add(j);
      }
      j.name = job.name();
      j.status = job.status();
      j.conclusion = job.conclusion();
      j.createdAt = job.createdAt();
      j.startedAt = job.startedAt();
      j.completedAt = job.completedAt();
      j.runnerName = job.runnerName();
      j.runnerGroup = job.runnerGroup();
      j.labels = TextLists.encodeStrings(job.labels());
      j.url = job.url();
      j.queueMs = job.queueMs();
      j.buildCompletedAt = completedAt;
      j.repositoryTerm = terms.repository();
      j.workflowTerm = terms.workflow();
      j.branchTerm = terms.branch();
      j.steps = StepCodec.encode(job.steps());
      kept.add(j);
    }
    e.jobs.removeIf(j -> !kept.contains(j));
  }

  /** The build of an entity; with {@code withJobs} false its job list is empty (listings). */
  public static Build toBuild(BuildEntity e, boolean withJobs) {
    List<Attempt> attempts = new ArrayList<>(e.attempts.size());
    for (AttemptEntity a : e.attempts) {
      attempts.add(new Attempt(a.number, a.status, a.conclusion, a.startedAt, a.updatedAt, a.completedAt,
          a.triggeringActor, a.placeholder));
    }
    List<Job> jobs = new ArrayList<>();
    if (withJobs) {
      for (JobEntity j : e.jobs) {
        List<Step> steps = StepCodec.decode(j.steps);
        jobs.add(new Job(j.jobId, j.attempt, j.name, j.status, j.conclusion, j.createdAt, j.startedAt,
            j.completedAt, j.runnerName, j.runnerGroup, TextLists.decodeStrings(j.labels), steps, j.url));
      }
    }
    return new Build(new BuildId(e.provider, e.repository, e.runId), e.version,
        new Workflow(e.workflowId, e.workflowName, e.workflowPath), e.runNumber, e.branch, e.commitSha,
        e.event, e.actor, e.title, e.url, e.createdAt, e.headCommitAt, TextLists.decodeInts(e.pullRequests),
        attempts, jobs);
  }
}

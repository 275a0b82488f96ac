package dev.cicd.core.internal;

import dev.cicd.core.build.Attempt;
import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Job;
import dev.cicd.core.build.Workflow;
import dev.cicd.core.ingest.JobUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Attempts known only from their jobs. Their state is a function of the set of jobs (never of the
 * order the jobs arrived in): in progress once any job started, queued before that.
 */
final class Placeholders {
  private Placeholders() {}

  static Attempt attempt(int number, List<Job> jobsOfAttempt) {
    Instant started = null;
    boolean running = false;
    for (Job job : jobsOfAttempt) {
      if (job.startedAt() != null && (started == null || job.startedAt().isBefore(started))) {
        started = job.startedAt();
      }
      running |= job.startedAt() != null || job.status().rank() >= BuildStatus.IN_PROGRESS.rank();
    }
    BuildStatus status = running ? BuildStatus.IN_PROGRESS : BuildStatus.QUEUED;
    return new Attempt(number, status, null, started, null, null, null, true);
  }

  /** Recomputes placeholder attempts from the jobs and adds one for every attempt seen only in jobs. */
  static List<Attempt> refresh(List<Attempt> attempts, List<Job> jobs) {
    Set<Integer> numbers = new TreeSet<>();
    jobs.forEach(j -> numbers.add(j.attempt()));
    List<Attempt> result = new ArrayList<>();
    for (Attempt attempt : attempts) {
      numbers.remove(attempt.number());
      result.add(attempt.placeholder() ? attempt(attempt.number(), jobsOf(jobs, attempt.number())) : attempt);
    }
    for (int number : numbers) {
      result.add(attempt(number, jobsOf(jobs, number)));
    }
    return result;
  }

  /** Build-level fields of a build known only from jobs: derived from the jobs, order-independent. */
  static Build fillFromJobs(Build build, JobUpdate update) {
    Instant created = build.createdAt();
    for (Job job : build.jobs()) {
      Instant t = job.createdAt() != null ? job.createdAt() : job.startedAt();
      if (t != null && t.isBefore(created)) {
        created = t;
      }
    }
    String name = build.workflow().name();
    if (update.workflowName() != null && (name.isEmpty() || update.workflowName().compareTo(name) > 0)) {
      name = update.workflowName();
    }
    return new Build(build.id(), build.version(), new Workflow(null, name, null), 0,
        max(build.branch(), update.branch()), max(build.commitSha(), update.commitSha()),
        null, null, null, null, created, null, List.of(), build.attempts(), build.jobs());
  }

  private static String max(String a, String b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static List<Job> jobsOf(List<Job> jobs, int attempt) {
    return jobs.stream().filter(j -> j.attempt() == attempt).toList();
  }
}

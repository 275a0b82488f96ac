package dev.cicd.core.internal;

import dev.cicd.core.build.Attempt;
import dev.cicd.core.build.Build;
import dev.cicd.core.build.Job;
import dev.cicd.core.build.Workflow;
import dev.cicd.core.ingest.JobUpdate;
import dev.cicd.core.ingest.RunUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The merge of provider reports into a build. Pure functions: the result depends only on the stored
 * build and the report. Each attempt and each job keeps the forward-most report under
 * {@link ReportOrder}, so any order of the same reports, with duplicates, ends in the same build.
 * Build-level fields follow the forward-most run report of the latest attempt.
 */
public final class BuildMerger {
  private BuildMerger() {}

  public static Build merge(@Nullable Build existing, RunUpdate update, Instant now) {
    Attempt reported = new Attempt(update.attempt(), update.status(), update.conclusion(),
        update.startedAt(), update.updatedAt(), update.completedAt(), update.triggeringActor(), false);
    if (existing == null) {
      return new Build(update.id(), 0, update.workflow(), update.runNumber(), update.branch(),
          update.commitSha(), update.event(), update.actor(), update.title(), update.url(),
          firstNonNull(update.createdAt(), update.startedAt(), update.updatedAt(), now),
          update.headCommitAt(), update.pullRequests(), List.of(reported), List.of());
    }
    Attempt stored = existing.attempt(update.attempt()).orElse(null);
    Attempt merged;
    int comparison;
    if (stored == null || stored.placeholder()) {
      merged = reported;
      comparison = 1;
    } else {
      comparison = ReportOrder.ATTEMPTS.compare(reported, stored);
      merged = comparison > 0 ? fill(reported, stored) : fill(stored, reported);
    }
    List<Attempt> attempts = new ArrayList<>(existing.attempts());
    attempts.removeIf(a -> a.number() == update.attempt());
    attempts.add(merged);

    Build fromRun = new Build(update.id(), existing.version(), update.workflow(), update.runNumber(),
        update.branch(), update.commitSha(), update.event(), update.actor(), update.title(),
        update.url(), firstNonNull(update.createdAt(), existing.createdAt()), update.headCommitAt(),
        update.pullRequests(), attempts, existing.jobs());
    Build fromStored = new Build(existing.id(), existing.version(), existing.workflow(),
        existing.runNumber(), existing.branch(), existing.commitSha(), existing.event(),
        existing.actor(), existing.title(), existing.url(), existing.createdAt(),
        existing.headCommitAt(), existing.pullRequests(), attempts, existing.jobs());
    if (leads(existing, update, comparison, fromRun)) {
      return fillBuild(fromRun, existing);
    }
    return fillBuild(fromStored, fromRun);
  }

  public static Build merge(@Nullable Build existing, JobUpdate update, Instant now) {
    Job reported = update.job();
    if (existing == null) {
      Instant created = firstNonNull(reported.createdAt(), reported.startedAt(), now);
      return new Build(update.buildId(), 0,
          new Workflow(null, update.workflowName() == null ? "" : update.workflowName(), null),
          0, update.branch(), update.commitSha(), null, null, null, null, created, null, List.of(),
          List.of(Placeholders.attempt(reported.attempt(), List.of(reported))), List.of(reported));
    }
    List<Job> jobs = new ArrayList<>(existing.jobs());
    Job stored = null;
    for (Job job : jobs) {
      if (job.id() == reported.id() && job.attempt() == reported.attempt()) {
        stored = job;
      }
    }
    Job merged = reported;
    if (stored != null) {
      merged = ReportOrder.JOBS.compare(reported, stored) > 0 ? fill(reported, stored) : fill(stored, reported);
      jobs.remove(stored);
    }
    jobs.add(merged);
    List<Attempt> attempts = Placeholders.refresh(existing.attempts(), jobs);
    Build result = new Build(existing.id(), existing.version(), existing.workflow(),
        existing.runNumber(), existing.branch(), existing.commitSha(), existing.event(),
        existing.actor(), existing.title(), existing.url(), existing.createdAt(),
        existing.headCommitAt(), existing.pullRequests(), attempts, jobs);
    if (hasRunReport(existing)) {
      return result;
    }
    return Placeholders.fillFromJobs(result, update);
  }

  private static boolean leads(Build existing, RunUpdate update, int comparison, Build fromRun) {
    int latestReported = 0;
    for (Attempt attempt : existing.attempts()) {
      if (!attempt.placeholder()) {
        latestReported = Math.max(latestReported, attempt.number());
      }
    }
    if (update.attempt() != latestReported) {
      return update.attempt() > latestReported;
    }
    if (comparison != 0) {
      return comparison > 0;
    }
    return ReportOrder.fingerprint(fromRun).compareTo(ReportOrder.fingerprint(existing)) > 0;
  }

  static boolean hasRunReport(Build build) {
    return build.attempts().stream().anyMatch(a -> !a.placeholder());
  }

  private static Build fillBuild(Build winner, Build other) {
    Workflow w = winner.workflow();
    Workflow o = other.workflow();
    Workflow workflow = new Workflow(firstNonNullOrNull(w.id(), o.id()),
        w.name().isEmpty() ? o.name() : w.name(), firstNonNullOrNull(w.path(), o.path()));
    return new Build(winner.id(), winner.version(), workflow,
        winner.runNumber() != 0 ? winner.runNumber() : other.runNumber(),
        firstNonNullOrNull(winner.branch(), other.branch()),
        firstNonNullOrNull(winner.commitSha(), other.commitSha()),
        firstNonNullOrNull(winner.event(), other.event()),
        firstNonNullOrNull(winner.actor(), other.actor()),
        firstNonNullOrNull(winner.title(), other.title()),
        firstNonNullOrNull(winner.url(), other.url()),
        winner.createdAt(),
        firstNonNullOrNull(winner.headCommitAt(), other.headCommitAt()),
        winner.pullRequests().isEmpty() ? other.pullRequests() : winner.pullRequests(),
        winner.attempts(), winner.jobs());
  }

  private static Attempt fill(Attempt winner, Attempt other) {
    return new Attempt(winner.number(), winner.status(), winner.conclusion(),
        firstNonNullOrNull(winner.startedAt(), other.startedAt()), winner.updatedAt(),
        winner.completedAt(), firstNonNullOrNull(winner.triggeringActor(), other.triggeringActor()),
        false);
  }

  private static Job fill(Job winner, Job other) {
    return new Job(winner.id(), winner.attempt(), winner.name(), winner.status(), winner.conclusion(),
        firstNonNullOrNull(winner.createdAt(), other.createdAt()),
        winner.startedAt(), winner.completedAt(),
        firstNonNullOrNull(winner.runnerName(), other.runnerName()),
        firstNonNullOrNull(winner.runnerGroup(), other.runnerGroup()),
        winner.labels().isEmpty() ? other.labels() : winner.labels(),
        winner.steps().isEmpty() && winner.status() == other.status() ? other.steps() : winner.steps(),
        firstNonNullOrNull(winner.url(), other.url()));
  }

  @SafeVarargs
  static <T> T firstNonNull(@Nullable T... values) {
    for (T value : values) {
      if (value != null) {
        return value;
      }
    }
    throw new IllegalArgumentException("no non-null value");
  }

  static <T> @Nullable T firstNonNullOrNull(@Nullable T first, @Nullable T second) {
    return first != null ? first : second;
  }
}

package dev.cicd.github.internal;

import dev.cicd.core.build.Attempt;
import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Job;
import dev.cicd.core.build.Workflow;
import dev.cicd.core.ingest.DeliveryKey;
import dev.cicd.core.ingest.IngestionService;
import dev.cicd.core.ingest.JobUpdate;
import dev.cicd.core.ingest.RunUpdate;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests one REST run object and the jobs of each of its attempts whose jobs are not yet final in
 * the store. Jobs are requested per attempt ({@code /runs/{id}/attempts/{n}/jobs}), so a job's
 * attempt is the one asked for. Everything goes through {@link IngestionService}, the same merge as
 * webhooks.
 */
public final class RunProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(RunProcessor.class);

  private final GitHubApi api;
  private final IngestionService ingestion;
  private final String repository;
  private final int maxPages;
  private final PollProblems problems;
  private final WorkflowNames workflowNames;
  private final Clock clock;

  public RunProcessor(GitHubApi api, IngestionService ingestion, String repository, int maxPages,
      PollProblems problems, WorkflowNames workflowNames, Clock clock) {
    this.clock = clock;
    this.api = api;
    this.ingestion = ingestion;
    this.repository = repository;
    this.maxPages = maxPages;
    this.problems = problems;
    this.workflowNames = workflowNames;
  }

  /** Maps and ingests a run with its jobs; null (and a problem) when the object is unusable. */
  public @Nullable RunUpdate process(Fields runObject) {
    RunUpdate run;
    try {
      run = withWorkflowName(RunMapper.map(runObject, null, RunMapper.repositoryOf(runObject, repository)));
    } catch (PayloadException | UnknownValueException | IllegalArgumentException e) {
      problems.add("skipped a run of " + repository + ": " + e.getMessage());
      return null;
    }
    ingestion.ingest(run);
    fetchEarlierAttempts(run);
    for (int attempt = 1; attempt <= run.attempt(); attempt++) {
      if (needsJobs(run, attempt)) {
        fetchJobs(run, attempt);
      }
    }
    return run;
  }

  /**
   * Requests and ingests each earlier attempt of a re-run that the store does not know as completed
   * ({@code /runs/{id}/attempts/{n}}): a listing shows a run only as its latest attempt, so a backfill, or a poll
   * healing missed webhooks, would else leave the earlier outcomes unknown, and with them the flaky builds and
   * the first-attempt success. An attempt stored as completed is never asked for again.
   */
  private void fetchEarlierAttempts(RunUpdate run) {
    if (run.attempt() <= 1) {
      return;
    }
    Build stored = ingestion.store().find(run.id()).orElse(null);
    for (int attempt = 1; attempt < run.attempt(); attempt++) {
      boolean known = stored != null && stored.attempt(attempt).map(Attempt::isCompleted).orElse(false);
      if (!known) {
        fetchAttempt(run, attempt);
      }
    }
  }

  private void fetchAttempt(RunUpdate run, int attempt) {
    String what = "attempt " + attempt + " of run " + run.id().runId() + " of " + repository + ": ";
    ApiResponse response;
    try {
      response = api.http().get(api.attempt(run.id().repository(), run.id().runId(), attempt));
    } catch (GitHubApiException e) {
      if (e.status() != 404 && e.status() != 410) {
        throw e;
      }
      problems.add(what + "gone (" + e.status() + ")");
      return;
    }
    if (response.body() == null) {
      problems.add(what + response.problem());
      return;
    }
    try {
      RunUpdate earlier = RunMapper.map(Fields.of(response.body(), ""), null, run.id().repository());
      if (earlier.attempt() != attempt || !earlier.id().equals(run.id())) {
        problems.add(what + "GitHub answered with attempt " + earlier.attempt() + " of run " + earlier.id().runId());
        return;
      }
      ingestion.ingest(withWorkflowName(earlier));
    } catch (PayloadException | UnknownValueException | IllegalArgumentException e) {
      problems.add(what + e.getMessage());
    }
  }

  /**
   * Requests the jobs of one attempt (conditionally) and ingests them. Once every page of a completed attempt's
   * jobs was read, the store records it ({@link #listedKey}), so no later cycle or restart asks again.
   */
  public void fetchJobs(RunUpdate run, int attempt) {
    int problemsBefore = problems.count();
    Pager.walk(api.http(), api.jobs(run.id().repository(), run.id().runId(), attempt), maxPages, page -> {
      if (page.notModified()) {
        return true; // unchanged since read; a later page (over 100 jobs) may have changed
      }
      if (page.body() == null) {
        problems.add("jobs of run " + run.id().runId() + " attempt " + attempt + ": " + page.problem());
        return true;
      }
      List<Fields> jobs;
      try {
        jobs = GitHubApi.items(page.body(), "jobs");
      } catch (PayloadException e) {
        problems.add("jobs of run " + run.id().runId() + ": " + e.getMessage());
        return true;
      }
      for (Fields job : jobs) {
        ingestJob(run, attempt, job);
      }
      return true;
    });
    boolean completed = attempt < run.attempt() || run.status() == BuildStatus.COMPLETED;
    if (completed && problems.count() == problemsBefore) {
      ingestion.store().recordDelivery(listedKey(run, attempt), clock.instant());
    }
  }

  private void ingestJob(RunUpdate run, int attempt, Fields job) {
    JobUpdate update;
    try {
      update = JobMapper.map(job, run.id().repository(), attempt, run.id().runId());
    } catch (PayloadException | UnknownValueException | IllegalArgumentException e) {
      problems.add("skipped a job of run " + run.id().runId() + ": " + e.getMessage());
      return;
    }
    ingestion.ingest(update);
  }

  /**
   * An attempt in progress is always asked again (a 304 costs nothing). A completed attempt is asked until its
   * jobs were listed once after it completed: webhooks may have brought some of its jobs and lost others, and
   * the store cannot tell that its jobs are complete from the jobs it has.
   */
  private boolean needsJobs(RunUpdate run, int attempt) {
    if (attempt == run.attempt() && run.status() != BuildStatus.COMPLETED) {
      return true;
    }
    Build stored = ingestion.store().find(run.id()).orElse(null);
    if (stored == null) {
      return true;
    }
    List<Job> jobs = stored.jobsOfAttempt(attempt);
    if (jobs.isEmpty() || jobs.stream().anyMatch(j -> j.status() != BuildStatus.COMPLETED)) {
      return true;
    }
    Attempt known = stored.attempt(attempt).orElse(null);
    return attempt == run.attempt() && (known == null || !known.isCompleted())
        || !ingestion.store().hasDelivery(listedKey(run, attempt));
  }

  /**
   * The delivery-log key that marks a completed attempt's jobs as listed: hook {@code poll-jobs:owner/name}
   * (GitHub's hook ids are numbers), delivery {@code runId/attempt}. Retention may prune it; the attempt is then
   * listed once more.
   */
  static DeliveryKey listedKey(RunUpdate run, int attempt) {
    return new DeliveryKey("poll-jobs:" + run.id().repository(), run.id().runId() + "/" + attempt);
  }

  /** REST runs normally carry a name; when one does not, the workflow list names it. */
  private RunUpdate withWorkflowName(RunUpdate run) {
    Workflow workflow = run.workflow();
    boolean unnamed = workflow.name().isEmpty() || workflow.name().equals(workflow.path());
    if (!unnamed || workflow.id() == null) {
      return run;
    }
    String name = workflowNames.name(workflow.id());
    if (name == null) {
      return run;
    }
    LOG.debug("Named workflow {} of {} from the workflow list", workflow.id(), repository);
    return new RunUpdate(run.id(), run.attempt(), new Workflow(workflow.id(), name, workflow.path()),
        run.runNumber(), run.branch(), run.commitSha(), run.event(), run.actor(), run.triggeringActor(),
        run.title(), run.status(), run.conclusion(), run.createdAt(), run.startedAt(), run.updatedAt(),
        run.completedAt(), run.headCommitAt(), run.url(), run.pullRequests());
  }
}

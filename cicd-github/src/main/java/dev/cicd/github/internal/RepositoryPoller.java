package dev.cicd.github.internal;

import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.ingest.IngestionService;
import dev.cicd.core.ingest.RunUpdate;
import dev.cicd.github.GitHubConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one repository: a resumable backfill on the first start, then incremental polls with a
 * watermark on {@code updated_at} (so re-runs, which keep their run number, are seen), and re-polls of
 * runs still in progress, with their jobs, until they complete. Called from one thread at a time.
 */
public final class RepositoryPoller {
  /** Runs in progress followed at most; the oldest are dropped beyond this. */
  static final int MAX_TRACKED_IN_PROGRESS = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(RepositoryPoller.class);

  private final String repository;
  private final GitHubApi api;
  private final GitHubConfig config;
  private final Clock clock;
  private final WorkflowNames workflowNames;
  private final RepositoryStatus status;
  private final Map<Long, RunUpdate> inProgress = new LinkedHashMap<>();
  private final @Nullable DeploymentPoller deployments;
  private @Nullable Backfill backfill;
  private @Nullable Instant watermark;

  public RepositoryPoller(String repository, GitHubApi api, GitHubConfig config, Clock clock) {
    this.repository = repository;
    this.api = api;
    this.config = config;
    this.clock = clock;
    this.workflowNames = new WorkflowNames(api, repository, config.maxPages());
    this.status = new RepositoryStatus(repository);
    this.deployments = config.pollDeployments()
        ? new DeploymentPoller(api, repository, config.maxPages(), clock, config.backfill()) : null;
  }

  public String repository() {
    return repository;
  }

  public RepositoryStatus status() {
    return status;
  }

  /** Runs one cycle. @throws GitHubApiException when GitHub fails the cycle; state is kept to resume */
  public PollProblems poll(IngestionService ingestion) {
    PollProblems problems = new PollProblems();
    RunProcessor processor = new RunProcessor(api, ingestion, repository, config.maxPages(), problems, workflowNames,
        clock);
    Set<Long> seen = new HashSet<>();
    if (watermark == null && backfill == null && config.backfill().isZero()) {
      watermark = clock.instant();
    }
    if (watermark == null) {
      backfill(processor, problems, seen);
    } else {
      watermark = Incremental.run(api, repository, watermark, processor, config.maxPages(), problems,
          run -> track(run, seen));
    }
    repollInProgress(processor, problems, seen);
    if (deployments != null) {
      deployments.poll(ingestion, problems);
    }
    return problems;
  }

  private void backfill(RunProcessor processor, PollProblems problems, Set<Long> seen) {
    if (backfill == null) {
      Instant now = clock.instant();
      backfill = new Backfill(repository, now.minus(config.backfill()), now, status::backfilling);
      LOG.info("backfill {}: starting, runs created since {}", repository, now.minus(config.backfill()));
    }
    Backfill running = backfill;
    status.backfilling(running.progress());
    running.run(api, processor, config.maxPages(), problems, run -> track(run, seen));
    if (!running.done()) {
      return;
    }
    LOG.info("backfill {} complete: {}", repository, running.progress());
    status.backfillDone(running.progress());
    watermark = running.startedAt();
    backfill = null;
  }

  private void track(RunUpdate run, Set<Long> seen) {
    long id = run.id().runId();
    seen.add(id);
    if (run.status() == BuildStatus.COMPLETED) {
      inProgress.remove(id);
      return;
    }
    inProgress.put(id, run);
    if (inProgress.size() > MAX_TRACKED_IN_PROGRESS) {
      Long oldest = inProgress.keySet().iterator().next();
      inProgress.remove(oldest);
      LOG.warn("{}: following more than {} runs in progress; no longer re-polling run {}", repository,
          MAX_TRACKED_IN_PROGRESS, oldest);
    }
  }

  /** Runs in progress that the listing did not bring this cycle: the run (conditional) and its jobs. */
  private void repollInProgress(RunProcessor processor, PollProblems problems, Set<Long> seen) {
    for (RunUpdate last : new ArrayList<>(inProgress.values())) {
      long id = last.id().runId();
      if (seen.contains(id)) {
        continue;
      }
      ApiResponse response;
      try {
        response = api.http().get(api.run(repository, id));
      } catch (GitHubApiException e) {
        if (e.status() == 404 || e.status() == 410) {
          LOG.info("{}: run {} is gone ({}); no longer following it", repository, id, e.status());
          inProgress.remove(id);
          continue;
        }
        throw e;
      }
      if (response.notModified()) {
        processor.fetchJobs(last, last.attempt());
        continue;
      }
      if (response.body() == null) {
        problems.add("run " + id + " of " + repository + ": " + response.problem());
        continue;
      }
      RunUpdate update;
      try {
        update = processor.process(Fields.of(response.body(), ""));
      } catch (PayloadException e) {
        problems.add("run " + id + " of " + repository + ": " + e.getMessage());
        continue;
      }
      if (update != null) {
        track(update, seen);
      }
      api.http().remember(response);
    }
  }
}

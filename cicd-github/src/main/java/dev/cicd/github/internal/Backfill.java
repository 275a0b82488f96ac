package dev.cicd.github.internal;

import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.ingest.RunUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first poll of a repository: every run created in {@code [from, to]}, listed with the
 * {@code created} filter. A window whose {@code total_count} passes GitHub's 1,000-result cap is split
 * in halves until each fits. Resumable: after a failure the next call continues with the page that
 * failed.
 */
final class Backfill {
  private static final Logger LOG = LoggerFactory.getLogger(Backfill.class);

  private record Window(Instant from, Instant to) {
    boolean splittable() {
      return Duration.between(from, to).compareTo(Duration.ofSeconds(2)) >= 0;
    }

    Window older() {
      return new Window(from, midpoint());
    }

    Window newer() {
      return new Window(midpoint().plusSeconds(1), to);
    }

    private Instant midpoint() {
      return from.plus(Duration.between(from, to).dividedBy(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }
  }

  /** A page that could not be read, fetched again on later cycles. */
  private record Retry(HttpUrl url, int attempts) {}

  /** Attempts at an unreadable page before the backfill gives up on it. */
  static final int MAX_PAGE_ATTEMPTS = 3;

  private final String repository;
  private final Deque<Window> windows = new ArrayDeque<>();
  private final Deque<Retry> retries = new ArrayDeque<>();
  private final Set<HttpUrl> visited = new HashSet<>();
  private final Instant startedAt;
  private final Consumer<String> progressSink;
  private @Nullable HttpUrl resumeUrl;
  private int pagesInWindow;
  private boolean windowCounted;
  private long runsDone;
  private long estimatedTotal = -1;
  private long leafTotal;
  private long requests;

  /** @param progressSink told the progress line after every page, for health */
  Backfill(String repository, Instant from, Instant to, Consumer<String> progressSink) {
    this.repository = repository;
    this.startedAt = to;
    this.progressSink = progressSink;
    windows.push(new Window(from, to));
  }

  Instant startedAt() {
    return startedAt;
  }

  /** True once every window was listed and no unreadable page waits for another attempt. */
  boolean done() {
    return windows.isEmpty() && retries.isEmpty();
  }

  /** {@code 340/1,200 runs, 37 requests}. */
  String progress() {
    long total = Math.max(estimatedTotal, leafTotal);
    String of = estimatedTotal < 0 ? (done() ? Texts.count(runsDone) : "?") : Texts.count(Math.max(total, runsDone));
    return Texts.count(runsDone) + "/" + of + " runs, " + Texts.count(requests) + " requests";
  }

  /** Runs until done; an exception leaves the state to resume from. */
  void run(GitHubApi api, RunProcessor processor, int maxPages, PollProblems problems, Consumer<RunUpdate> seen) {
    for (int pending = retries.size(); pending > 0; pending--) {
      long before = api.http().requestCount();
      try {
        retry(api, processor, problems, seen);
      } finally {
        requests += api.http().requestCount() - before;
        progressSink.accept(progress());
      }
    }
    while (!windows.isEmpty()) {
      long before = api.http().requestCount();
      try {
        step(api, processor, maxPages, problems, seen);
      } finally {
        requests += api.http().requestCount() - before;
        progressSink.accept(progress());
      }
    }
  }

  private void step(GitHubApi api, RunProcessor processor, int maxPages, PollProblems problems,
      Consumer<RunUpdate> seen) {
    Window window = windows.peek();
    boolean first = resumeUrl == null;
    HttpUrl url = first ? api.runs(repository, GitHubTimes.range(window.from(), window.to())) : resumeUrl;
    if (!first && (pagesInWindow >= maxPages || !visited.add(url))) {
      problems.add("backfill of " + repository + " stopped following pages at " + GitHubHttp.describe(url));
      finishWindow();
      return;
    }
    ApiResponse page = api.http().get(url);
    List<Fields> runs = page.body() == null ? null : items(page);
    if (runs != null) {
      long total = GitHubApi.totalCount(page.body());
      if (first && total > GitHubApi.FILTERED_RESULT_CAP && window.splittable()) {
        windows.pop();
        windows.push(window.older());
        windows.push(window.newer());
        LOG.info("backfill {}: {} runs created {}..{} pass the 1,000-result cap; splitting the window", repository,
            Texts.count(total), window.from(), window.to());
        return;
      }
      if (first && !windowCounted) {
        windowCounted = true;
        leafTotal += Math.max(0, total);
        estimatedTotal = estimatedTotal < 0 ? total : estimatedTotal;
      }
    } else {
      if (!page.notModified()) {
        unreadable(page, 1, problems);
      }
      runs = List.of();
    }
    for (Fields run : runs) {
      RunUpdate update = processor.process(run);
      if (update != null) {
        seen.accept(update);
      }
    }
    runsDone += runs.size();
    api.http().remember(page);
    pagesInWindow++;
    resumeUrl = page.next();
    if (resumeUrl == null) {
      finishWindow();
    }
    LOG.info("backfill {}: {}", repository, progress());
  }

  /** Fetches one page that could not be read on an earlier cycle (its window is already listed). */
  private void retry(GitHubApi api, RunProcessor processor, PollProblems problems, Consumer<RunUpdate> seen) {
    Retry retry = retries.peek();
    ApiResponse page = api.http().get(retry.url());
    retries.poll();
    List<Fields> runs = page.body() == null ? null : items(page);
    if (runs == null) {
      unreadable(page, retry.attempts() + 1, problems);
      return;
    }
    for (Fields run : runs) {
      RunUpdate update = processor.process(run);
      if (update != null) {
        seen.accept(update);
      }
    }
    if (estimatedTotal < 0) {
      estimatedTotal = GitHubApi.totalCount(page.body());
    }
    runsDone += runs.size();
    api.http().remember(page);
    LOG.info("backfill {}: read page {} on attempt {}; {}", repository, GitHubHttp.describe(retry.url()),
        retry.attempts() + 1, progress());
  }

  private void unreadable(ApiResponse page, int attempts, PollProblems problems) {
    String where = "backfill page " + GitHubHttp.describe(page.url()) + " of " + repository;
    String reason = reason(page);
    if (attempts < MAX_PAGE_ATTEMPTS) {
      retries.add(new Retry(page.url(), attempts));
      problems.add(where + " (attempt " + attempts + " of " + MAX_PAGE_ATTEMPTS + ", retried next poll): " + reason);
    } else {
      problems.add(where + ": gave up after " + attempts + " attempts: " + reason);
    }
  }

  private static String reason(ApiResponse page) {
    if (page.problem() != null || page.body() == null) {
      return String.valueOf(page.problem());
    }
    try {
      GitHubApi.totalCount(page.body());
      GitHubApi.items(page.body(), "workflow_runs");
      return "unreadable";
    } catch (PayloadException e) {
      return e.getMessage();
    }
  }

  private void finishWindow() {
    windows.pop();
    resumeUrl = null;
    pagesInWindow = 0;
    windowCounted = false;
    visited.clear();
  }

  /** The runs of a page, or null when the body is not a run list (the problem goes to {@link #unreadable}). */
  private static @Nullable List<Fields> items(ApiResponse page) {
    try {
      GitHubApi.totalCount(page.body());
      return GitHubApi.items(page.body(), "workflow_runs");
    } catch (PayloadException e) {
      return null;
    }
  }

  static boolean inProgress(RunUpdate run) {
    return run.status() != BuildStatus.COMPLETED;
  }
}

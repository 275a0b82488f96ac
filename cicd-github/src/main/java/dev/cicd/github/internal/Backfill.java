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

  private final String repository;
  private final Deque<Window> windows = new ArrayDeque<>();
  private final Set<HttpUrl> visited = new HashSet<>();
  private final Instant startedAt;
  private @Nullable HttpUrl resumeUrl;
  private int pagesInWindow;
  private boolean windowCounted;
  private long runsDone;
  private long estimatedTotal = -1;
  private long leafTotal;
  private long requests;

  Backfill(String repository, Instant from, Instant to) {
    this.repository = repository;
    this.startedAt = to;
    windows.push(new Window(from, to));
  }

  Instant startedAt() {
    return startedAt;
  }

  boolean done() {
    return windows.isEmpty();
  }

  /** {@code 340/1,200 runs, 37 requests}. */
  String progress() {
    long total = Math.max(estimatedTotal, leafTotal);
    return Texts.count(runsDone) + "/" + (total < 0 ? "?" : Texts.count(Math.max(total, runsDone))) + " runs, "
        + Texts.count(requests) + " requests";
  }

  /** Runs until done; an exception leaves the state to resume from. */
  void run(GitHubApi api, RunProcessor processor, int maxPages, PollProblems problems, Consumer<RunUpdate> seen) {
    while (!windows.isEmpty()) {
      long before = api.http().requestCount();
      try {
        step(api, processor, maxPages, problems, seen);
      } finally {
        requests += api.http().requestCount() - before;
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
    List<Fields> runs = List.of();
    if (page.body() != null) {
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
      runs = items(page, problems);
    } else if (!page.notModified()) {
      problems.add("backfill page " + GitHubHttp.describe(url) + " of " + repository + ": " + page.problem());
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

  private void finishWindow() {
    windows.pop();
    resumeUrl = null;
    pagesInWindow = 0;
    windowCounted = false;
    visited.clear();
  }

  private static List<Fields> items(ApiResponse page, PollProblems problems) {
    try {
      return GitHubApi.items(page.body(), "workflow_runs");
    } catch (PayloadException e) {
      problems.add("backfill page " + GitHubHttp.describe(page.url()) + ": " + e.getMessage());
      return List.of();
    }
  }

  static boolean inProgress(RunUpdate run) {
    return run.status() != BuildStatus.COMPLETED;
  }
}

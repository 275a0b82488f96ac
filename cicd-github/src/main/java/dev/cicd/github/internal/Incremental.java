package dev.cicd.github.internal;

import dev.cicd.core.ingest.RunUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * One incremental poll of a repository's run listing (newest first, conditional). Runs updated at or
 * after the watermark (less an overlap for clock skew and listing lag) are ingested with their jobs.
 * The walk stops at a 304 (nothing changed since it was processed) or at the first page that reaches
 * runs both created and last updated before the watermark.
 */
final class Incremental {
  /** How far before the watermark runs are looked at again. */
  static final Duration OVERLAP = Duration.ofMinutes(5);

  private Incremental() {}

  /**
   * @return the newest {@code updated_at} seen, or {@code watermark} when nothing newer was seen
   */
  static Instant run(GitHubApi api, String repository, Instant watermark, RunProcessor processor, int maxPages,
      PollProblems problems, Consumer<RunUpdate> seen) {
    Instant threshold = watermark.minus(OVERLAP);
    Instant[] newest = {watermark};
    HttpUrl first = api.runs(repository, null);
    int problemsBefore = problems.count();
    boolean completed = false;
    try {
      Pager.Result result = Pager.walk(api.http(), first, maxPages, page -> {
        if (page.notModified()) {
          return false;
        }
        if (page.body() == null) {
          problems.add("runs page " + GitHubHttp.describe(page.url()) + " of " + repository + ": " + page.problem());
          return true;
        }
        List<Fields> runs;
        try {
          runs = GitHubApi.items(page.body(), "workflow_runs");
        } catch (PayloadException e) {
          problems.add("runs page " + GitHubHttp.describe(page.url()) + " of " + repository + ": " + e.getMessage());
          return true;
        }
        boolean reachedOld = runs.isEmpty();
        for (Fields run : runs) {
          Instant updated = time(run, "updated_at", problems);
          Instant created = time(run, "created_at", problems);
          if (updated == null || !updated.isBefore(threshold)) {
            RunUpdate update = processor.process(run);
            if (update != null) {
              seen.accept(update);
              if (update.updatedAt() != null && update.updatedAt().isAfter(newest[0])) {
                newest[0] = update.updatedAt();
              }
            }
          } else if (created != null && created.isBefore(threshold)) {
            reachedOld = true;
          }
        }
        return !reachedOld;
      });
      if (result.truncated()) {
        problems.add("runs listing of " + repository + " stopped after " + result.pages() + " pages");
      }
      completed = problems.count() == problemsBefore;
    } finally {
      if (!completed) {
        // Something on the way failed: walk the listing in full next time instead of trusting a 304.
        api.http().forget(first);
      }
    }
    return completed ? newest[0] : watermark;
  }

  private static @Nullable Instant time(Fields run, String name, PollProblems problems) {
    try {
      return run.instant(name);
    } catch (PayloadException e) {
      problems.add(e.getMessage());
      return null;
    }
  }
}

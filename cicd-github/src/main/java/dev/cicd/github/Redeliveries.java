package dev.cicd.github;

import dev.cicd.github.internal.ApiResponse;
import dev.cicd.github.internal.Fields;
import dev.cicd.github.internal.GitHubApi;
import dev.cicd.github.internal.GitHubApiException;
import dev.cicd.github.internal.Pager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub never redelivers a failed webhook delivery by itself. This lists a hook's recent deliveries
 * (newest first) and asks for a redelivery of each delivery GUID that has no successful attempt in
 * GitHub's redelivery window, one POST per second at most.
 */
final class Redeliveries {
  /** github.com keeps deliveries redeliverable for 3 days. */
  static final Duration WINDOW = Duration.ofDays(3);
  static final Duration BETWEEN_POSTS = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(Redeliveries.class);

  private final GitHubApi api;
  private final Clock clock;
  private final Sleeper sleeper;
  private final int maxPages;

  Redeliveries(GitHubApi api, Clock clock, Sleeper sleeper, int maxPages) {
    this.api = api;
    this.clock = clock;
    this.sleeper = sleeper;
    this.maxPages = maxPages;
  }

  RedeliveryReport redeliverFailed(String repository, long hookId) {
    Instant since = clock.instant().minus(WINDOW);
    Map<String, Long> latestFailedByGuid = new LinkedHashMap<>();
    Map<String, Boolean> succeeded = new LinkedHashMap<>();
    int[] seen = {0};
    api.http().forget(api.hookDeliveries(repository, hookId));
    Pager.walk(api.http(), api.hookDeliveries(repository, hookId), maxPages, page -> {
      if (page.body() == null) {
        return false;
      }
      boolean more = true;
      for (Fields delivery : GitHubApi.items(page.body(), null)) {
        Instant at = delivery.instant("delivered_at");
        if (at != null && at.isBefore(since)) {
          more = false;
          continue;
        }
        seen[0]++;
        String guid = delivery.nonEmptyText("guid");
        Long id = delivery.optionalLong("id");
        Long code = delivery.optionalLong("status_code");
        if (guid == null || id == null) {
          continue;
        }
        boolean ok = code != null && code >= 200 && code < 300;
        succeeded.merge(guid, ok, Boolean::logicalOr);
        if (!ok) {
          latestFailedByGuid.putIfAbsent(guid, id);
        }
      }
      return more;
    });
    List<String> problems = new ArrayList<>();
    int requested = 0;
    int failed = 0;
    for (Map.Entry<String, Long> entry : latestFailedByGuid.entrySet()) {
      if (succeeded.getOrDefault(entry.getKey(), false)) {
        continue;
      }
      failed++;
      if (requested > 0 || !problems.isEmpty()) {
        pause();
      }
      try {
        ApiResponse response = api.http().post(api.redeliver(repository, hookId, entry.getValue()), "{}");
        requested += response.code() / 100 == 2 ? 1 : 0;
      } catch (GitHubApiException.Unauthorized | GitHubApiException.RateLimited e) {
        throw e;
      } catch (GitHubApiException e) {
        problems.add("delivery " + entry.getKey() + ": " + e.getMessage());
      }
    }
    LOG.info("Hook {} of {}: {} deliveries in the last {}, {} failed, {} redeliveries requested", hookId, repository,
        seen[0], WINDOW, failed, requested);
    return new RedeliveryReport(seen[0], failed, requested, problems);
  }

  private void pause() {
    try {
      sleeper.sleep(BETWEEN_POSTS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitHubApiException.Unavailable(0, "interrupted while redelivering", e);
    }
  }
}

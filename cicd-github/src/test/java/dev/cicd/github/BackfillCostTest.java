package dev.cicd.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request cost of polling, measured against the fake GitHub: a 30-day backfill of a repository
 * with 1,000 runs (10 pages of 100) and one job per run, then the incremental cycles that follow.
 */
class BackfillCostTest {
  private static final Logger LOG = LoggerFactory.getLogger(BackfillCostTest.class);

  @Test
  @DisplayName("30-day backfill of 1,000 runs: 10 listing pages + 1,000 job lists; an idle cycle costs one 304")
  void thousandRuns() {
    try (PollingHarness h = new PollingHarness()) {
      // 1,000 runs spread over the 30 days before the first poll
      List<ObjectNode> runs = PollingHarness.runs(PollingHarness.REPO, 1000, 1, Duration.ofMinutes(43));
      h.serve(PollingHarness.REPO, runs);

      h.poll();
      int backfill = h.github.requestCount();
      Map<String, Long> byEndpoint = h.github.requests().stream().collect(Collectors.groupingBy(
          r -> r.path().replaceAll("/\\d+", "/{n}"), TreeMap::new, Collectors.counting()));

      h.clock.advance(Duration.ofSeconds(60));
      h.poll();
      int firstIncremental = h.github.requestCount() - backfill;

      h.clock.advance(Duration.ofSeconds(60));
      h.poll();
      int idle = h.github.requestCount() - backfill - firstIncremental;
      FakeGitHub.Request idleRequest = h.github.requests().get(h.github.requestCount() - 1);

      LOG.info("30-day backfill of 1,000 runs: {} requests {}; first incremental cycle: {}; idle cycle: {}",
          backfill, byEndpoint, firstIncremental, idle);
      System.out.printf("MEASURED backfill=%d byEndpoint=%s firstIncremental=%d idle=%d%n", backfill, byEndpoint,
          firstIncremental, idle);

      assertThat(h.store.count()).isEqualTo(1000);
      assertThat(byEndpoint).containsEntry("/repos/octo-org/api/actions/runs", 10L)
          .containsEntry("/repos/octo-org/api/actions/runs/{n}/attempts/{n}/jobs", 1000L);
      assertThat(backfill).isEqualTo(1010);
      assertThat(firstIncremental).isEqualTo(1);
      assertThat(idle).isEqualTo(1);
      assertThat(idleRequest.headers().get("If-None-Match")).isNotNull();
      Build oldest = h.store.find(BuildId.github(PollingHarness.REPO, 1)).orElseThrow();
      assertThat(oldest.jobs()).hasSize(1);
      assertThat(h.health().details()).containsEntry("backfill", "done: 1,000/1,000 runs, 1,010 requests");
    }
  }

  @Test
  @DisplayName("a restart re-lists the window but fetches no jobs for runs already complete in the store")
  void restartIsCheap() {
    try (PollingHarness h = new PollingHarness()) {
      h.serve(PollingHarness.REPO, PollingHarness.runs(PollingHarness.REPO, 150, 1, Duration.ofHours(1)));
      h.poll();
      assertThat(h.github.requestCount()).isEqualTo(2 + 150);
      // a new source on the same store, as after a process restart
      GitHubSource restarted = GitHubSource.builder(h.source.config()).clock(h.clock).sleeper(d -> h.clock.advance(d))
          .build();
      int before = h.github.requestCount();
      restarted.poll(h.ingestion);
      assertThat(h.github.requestCount() - before).isEqualTo(2);
      restarted.close();
    }
  }

  @Test
  @DisplayName("past the 1,000-result cap the created window is split in halves until each part fits")
  void splitsWindowPastTheCap() {
    try (PollingHarness h = new PollingHarness(b -> b.backfill(Duration.ofDays(10)))) {
      List<ObjectNode> runs = PollingHarness.runs(PollingHarness.REPO, 2500, 1, Duration.ofMinutes(5));
      h.serve(PollingHarness.REPO, runs);
      h.poll();
      assertThat(h.store.count()).isEqualTo(2500);
      List<String> windows = h.github.requests().stream()
          .filter(r -> r.path().endsWith("/actions/runs") && r.url().queryParameter("page") == null)
          .map(r -> r.url().queryParameter("created")).toList();
      // 10 days → two 5-day halves → each 2.5-day quarter; the first listing of a too-large window is discarded
      assertThat(windows.get(0)).isEqualTo("2024-05-22T12:00:00Z..2024-06-01T12:00:00Z");
      assertThat(windows).contains("2024-05-27T12:00:01Z..2024-06-01T12:00:00Z",
          "2024-05-22T12:00:00Z..2024-05-27T12:00:00Z");
      // every listed window either fits the cap or was split; the windows that fit cover each run exactly once
      long covered = 0;
      for (String window : windows) {
        String[] range = window.split("\\.\\.");
        long inWindow = runs.stream().map(r -> Instant.parse(r.get("created_at").asText()))
            .filter(t -> !t.isBefore(Instant.parse(range[0])) && !t.isAfter(Instant.parse(range[1]))).count();
        covered += inWindow <= 1000 ? inWindow : 0;
      }
      assertThat(covered).isEqualTo(2500);
      assertThat(windows).hasSize(7);
    }
  }
}

package dev.cicd.examples.standalone.history;

import static dev.cicd.examples.standalone.history.HistoryClient.q;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cicd.examples.standalone.TestApps;
import dev.cicd.examples.standalone.history.HistoryDeliveries.Delivery;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Webhooks lost and healed by polling: of a generated history only about a third of the webhooks arrive (shuffled,
 * duplicated), while the app backfills the same history, deployments included, from a mock GitHub REST API
 * ({@link HistoryGitHub}) that shows each run only as its latest attempt. The summary must come to equal
 * DESIGN.md's figures for the whole history — re-runs, queue times, deployments and the deploy workflow's runs
 * included — as if every webhook had arrived.
 */
class PolledHistoryTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}, webhook inbox {1}")
  @CsvSource({"h2, false", "postgresql, true"})
  @DisplayName("polling heals lost webhooks: the summary equals the whole history's")
  void pollingHealsLostWebhooks(String database, boolean inbox) throws Exception {
    Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(20));
    RunHistory history = new RunHistory(20261129L, 240, start, Duration.ofDays(14));
    Random random = new Random(11);
    // About a third of the webhooks arrive, deployment statuses included (deployments are polled too).
    List<Delivery> arriving = HistoryDeliveries.shuffledWithRepeats(HistoryDeliveries.of(history), random).stream()
        .filter(d -> random.nextInt(3) == 0).toList();
    Instant from = start.plus(Duration.ofDays(2)).plusSeconds(5 * 3600 + 7);
    Instant to = start.plus(Duration.ofDays(15));
    ReferenceSummary expected = new ReferenceSummary(history, from, to, run -> true);
    ReferenceDora dora = new ReferenceDora(history, from, to, null, RunHistory.DEPLOY_WORKFLOW);
    assertThat(expected.flaky).isPositive();

    try (HistoryGitHub github = new HistoryGitHub(history)) {
      Map<String, String> env = new HashMap<>(Map.of("CICD_PORT", "0", "CICD_DATA_DIR", dir.toString(),
          "CICD_GITHUB_WEBHOOK_SECRET", HistoryClient.SECRET, "CICD_API_TOKEN", HistoryClient.TOKEN,
          "CICD_WEBHOOK_INBOX", String.valueOf(inbox), "CICD_GITHUB_TOKEN", "ghp_history_test_token",
          "CICD_GITHUB_REPOSITORIES", String.join(",", RunHistory.REPOSITORIES),
          "CICD_GITHUB_API_URL", github.apiUrl(), "CICD_POLL_INTERVAL", "1s", "CICD_BACKFILL_DAYS", "30"));
      env.putAll(Map.of("CICD_DEPLOY_WORKFLOWS", RunHistory.DEPLOY_WORKFLOW, "CICD_GITHUB_POLL_DEPLOYMENTS", "true"));
      PostgresSchema.run(database, env, () -> {
        try (TestApps.Running app = TestApps.start(env)) {
          HistoryClient client = new HistoryClient(app.port());
          Map<Integer, Integer> statuses = client.post(arriving);
          if (inbox) {
            client.awaitMerged();
          }
          String summaryPath = "/api/metrics/summary?from=" + q(from.toString()) + "&to=" + q(to.toString());
          long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
          JsonNode summary = client.get(summaryPath);
          while (!SummaryAssertions.matches(summary, expected, dora) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            summary = client.get(summaryPath);
          }
          System.out.printf("polled history: %d runs, %d of %d webhooks posted %s, %d requests to GitHub; window: %d"
              + " builds, %d queue times, %d flaky%n", history.runs().size(), arriving.size(),
              HistoryDeliveries.of(history).size(), statuses, github.requests(), expected.total,
              expected.queues.size(), expected.flaky);
          SummaryAssertions.assertSummary(summary, expected);
          SummaryAssertions.assertDora(summary.path("dora"), dora);
          assertThat(client.listedRunIds()).as("every run listed once")
              .containsExactlyInAnyOrderElementsOf(history.runs().stream().map(RunHistory.Run::id).toList());
        }
      });
    }
  }
}

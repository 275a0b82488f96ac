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
 * The app as GitHub and a team meet it: a generated history of runs, re-runs and jobs, delivered as signed
 * webhooks shuffled, partly redelivered (same delivery id) and partly sent again under a new id, by four senders
 * at once, into the standalone app on H2 and on PostgreSQL, with a summary read half-way (so that late deliveries
 * land on days the store may have cached); then {@code /api/metrics/summary} must equal the figures DESIGN.md's
 * definitions give for that history ({@link ReferenceSummary}; DORA from the README's, {@link ReferenceDora}, with
 * one of the workflows configured as a deploy workflow), merging on arrival and with the webhook inbox.
 */
class WebhookHistoryTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}, webhook inbox {1}")
  @CsvSource({"h2, false", "h2, true", "postgresql, false", "postgresql, true"})
  @DisplayName("a shuffled, duplicated webhook history gives the summary DESIGN.md defines")
  void summaryOfAShuffledDuplicatedHistory(String database, boolean inbox) throws Exception {
    Map<String, String> env = new HashMap<>(Map.of("CICD_PORT", "0", "CICD_DATA_DIR", dir.toString(),
        "CICD_GITHUB_WEBHOOK_SECRET", HistoryClient.SECRET, "CICD_API_TOKEN", HistoryClient.TOKEN,
        "CICD_WEBHOOK_INBOX", String.valueOf(inbox), "CICD_DEPLOY_WORKFLOWS", RunHistory.DEPLOY_WORKFLOW));
    PostgresSchema.run(database, env, () -> check(env, inbox));
  }

  private void check(Map<String, String> env, boolean inbox) throws Exception {
    Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(20));
    RunHistory history = new RunHistory(20261128L, 300, start, Duration.ofDays(14));
    List<Delivery> deliveries = HistoryDeliveries.shuffledWithRepeats(HistoryDeliveries.of(history), new Random(7));
    Instant from = start.plus(Duration.ofDays(3)).plusSeconds(3600 * 7 + 13);
    Instant to = start.plus(Duration.ofDays(13));
    ReferenceSummary expected = new ReferenceSummary(history, from, to, run -> true);
    String repository = RunHistory.REPOSITORIES.get(1);
    String branch = RunHistory.BRANCHES.get(1);
    ReferenceSummary narrowed = new ReferenceSummary(history, from, to,
        run -> run.repository().equals(repository) && run.branch().equals(branch));
    assertThat(narrowed.total).isPositive();
    assertThat(expected.total).as("builds in the window").isGreaterThan(150);
    assertThat(expected.flaky).isPositive();
    assertThat(expected.mttrMs).isNotNull();
    ReferenceDora dora = new ReferenceDora(history, from, to, null, RunHistory.DEPLOY_WORKFLOW);
    ReferenceDora narrowedDora = new ReferenceDora(history, from, to, repository, RunHistory.DEPLOY_WORKFLOW);
    assertThat(dora.failed).as("failed deployments").isPositive();
    assertThat(dora.timeToRestoreMs).isNotNull();
    assertThat(narrowedDora.deployments).isPositive().isLessThan(dora.deployments);

    try (TestApps.Running app = TestApps.start(env)) {
      HistoryClient client = new HistoryClient(app.port());
      String summaryPath = "/api/metrics/summary?from=" + q(from.toString()) + "&to=" + q(to.toString());
      // Half of it first and a summary, which the store may cache for settled days; the rest then lands on them.
      Map<Integer, Integer> statuses = client.post(deliveries.subList(0, deliveries.size() / 2));
      client.get(summaryPath);
      client.post(deliveries.subList(deliveries.size() / 2, deliveries.size())).forEach((status, count) ->
          statuses.merge(status, count, Integer::sum));
      assertThat(statuses.keySet()).as("answers %s", statuses).containsOnly(inbox ? 202 : 200, 200);
      if (inbox) {
        client.awaitMerged();
      }
      JsonNode summary = client.get(summaryPath);
      JsonNode filtered = client.get(summaryPath + "&repository=" + q(repository) + "&branch=" + q(branch));
      System.out.printf("history: %d runs, %d deployments, %d deliveries posted %s; window: %d builds, %d durations,"
          + " %d queue times, %d flaky, MTTR %.0f ms, %d deployments, %d failed, lead time p50 %d ms%n",
          history.runs().size(), history.deployments().size(), deliveries.size(), statuses, expected.total,
          expected.durations.size(), expected.queues.size(), expected.flaky, expected.mttrMs, dora.deployments,
          dora.failed, dora.leadTimeP50Ms);
      SummaryAssertions.assertSummary(summary, expected);
      SummaryAssertions.assertSummary(filtered, narrowed);
      SummaryAssertions.assertDora(summary.path("dora"), dora);
      SummaryAssertions.assertDora(filtered.path("dora"), narrowedDora);
      assertThat(client.listedRunIds()).as("every run listed once")
          .containsExactlyInAnyOrderElementsOf(history.runs().stream().map(RunHistory.Run::id).toList());
    }
  }
}

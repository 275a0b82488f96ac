package dev.cicd.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.ingest.RunUpdate;
import dev.cicd.core.metrics.BuildSummary;
import dev.cicd.core.metrics.MetricsQuery;
import dev.cicd.core.source.SourceHealth;
import dev.cicd.core.testing.HistoryGenerator;
import dev.cicd.http.support.Checks;
import dev.cicd.http.support.Container;
import dev.cicd.http.support.TestApp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code GET /metrics}: Prometheus text computed from a 30-day summary and this instance's counters. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusTest {
  private static final Pattern SAMPLE = Pattern.compile(
      "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\\\n]|\\\\[\"\\\\n])*\",?)*})? -?[0-9.eE+-]+|NaN");

  TestApp app;
  int completedSinceStart;

  @BeforeAll
  void start() throws Exception {
    app = TestApp.start(Container.JETTY);
    HistoryGenerator history = new HistoryGenerator(7, Duration.ofDays(30), false);
    app.ingest(history.builds(200));
    completedSinceStart = (int) allBuilds().stream().flatMap(b -> b.attempts().stream())
        .filter(a -> a.isCompleted() && a.startedAt() != null).count();
    app.ingest(List.of(RunUpdate.builder(BuildId.github("odd/repo", 1)).workflowName("say \"hi\"\\ \nnow")
        .branch("feature/secret-branch").status(BuildStatus.COMPLETED).conclusion(Conclusion.SUCCESS)
        .createdAt(TestApp.NOW.minusSeconds(600)).startedAt(TestApp.NOW.minusSeconds(500))
        .updatedAt(TestApp.NOW.minusSeconds(60)).build()));
    app.source.health(List.of(new SourceHealth("github:octo-org/api", SourceHealth.State.UP, null,
        TestApp.NOW, Map.of("rateLimitRemaining", "4321", "rateLimitLimit", "5000", "lastCycleRequests", "17"))));
  }

  List<dev.cicd.core.build.Build> allBuilds() {
    List<dev.cicd.core.build.Build> all = new java.util.ArrayList<>();
    String cursor = null;
    do {
      var page = app.cicd.store().list(dev.cicd.core.store.BuildQuery.builder().limit(200).cursor(cursor).build());
      all.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor != null);
    return all;
  }

  @AfterAll
  void stop() throws Exception {
    app.close();
  }

  @Test
  @DisplayName("the exposition is valid text format with the 30-day counts per repository and workflow")
  void exposition() throws Exception {
    HttpResponse<String> response = app.get("metrics");
    String text = response.body();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
    Checks.apiHeaders(response);
    for (String line : text.split("\n")) {
      if (!line.startsWith("#")) {
        assertThat(line).matches(SAMPLE);
      }
    }
    BuildSummary summary = app.cicd.store().summarize(MetricsQuery.last(Duration.ofDays(30), TestApp.NOW));
    BuildSummary.GroupStats group = summary.byWorkflow().stream()
        .filter(g -> g.repository().equals("octo-org/api") && "CI".equals(g.workflow())).findFirst().orElseThrow();
    assertThat(text).contains("cicd_builds{repository=\"octo-org/api\",workflow=\"CI\",conclusion=\"success\"} "
        + group.success() + "\n");
    assertThat(text).contains("cicd_builds{repository=\"octo-org/api\",workflow=\"CI\",conclusion=\"failure\"} "
        + group.failed() + "\n");
    assertThat(text).contains("cicd_builds_by_conclusion{conclusion=\"cancelled\"} " + summary.builds().cancelled());
    assertThat(text).contains("cicd_build_duration_quantile_seconds{repository=\"octo-org/api\",workflow=\"CI\","
        + "quantile=\"0.5\"} ");
  }

  @Test
  @DisplayName("histograms count the attempts completed since start; labels are escaped; no per-branch or per-run labels")
  void histogramsAndLabels() throws Exception {
    String text = app.get("metrics").body();
    long total = Pattern.compile("cicd_build_duration_seconds_count\\{repository=\"[^\"]+\"} ([0-9]+)").matcher(text)
        .results().mapToLong(m -> Long.parseLong(m.group(1))).sum();

    assertThat(total).isEqualTo(completedSinceStart + 1);
    assertThat(text).contains("cicd_build_duration_seconds_bucket{repository=\"odd/repo\",le=\"600\"} 1");
    assertThat(text).contains("workflow=\"say \\\"hi\\\"\\\\ \\nnow\"");
    assertThat(text).doesNotContain("branch=", "secret-branch", "runId", "run_id=");
    long jobsStarted = allBuilds().stream().map(b -> app.cicd.store().find(b.id()).orElseThrow())
        .flatMap(b -> b.jobs().stream()).filter(j -> j.queueMs() != null).count();
    long queued = Pattern.compile("cicd_job_queue_seconds_count\\{repository=\"[^\"]+\"} ([0-9]+)").matcher(text)
        .results().mapToLong(m -> Long.parseLong(m.group(1))).sum();
    assertThat(queued).isEqualTo(jobsStarted).isPositive();
  }

  @Test
  @DisplayName("webhook outcomes, poller state and rate limit remaining are exposed")
  void countersAndPoller() throws Exception {
    app.webhook("ping", "prometheus-ping", dev.cicd.http.support.Fixtures.github("ping/none.json"));
    String text = app.get("metrics").body();

    assertThat(text).contains("cicd_webhook_deliveries_total{provider=\"github\",outcome=\"ping\"} 1");
    assertThat(text).contains("cicd_poller_up{unit=\"github:octo-org/api\"} 1");
    assertThat(text).contains("cicd_poller_rate_limit_remaining{unit=\"github:octo-org/api\"} 4321");
    assertThat(text).contains("cicd_poller_last_cycle_requests{unit=\"github:octo-org/api\"} 17");
    assertThat(text).contains("cicd_poller_rate_limit_limit{unit=\"github:octo-org/api\"} 5000");
    assertThat(text).contains("cicd_poller_last_success_timestamp_seconds{unit=\"github:octo-org/api\"} "
        + TestApp.NOW.getEpochSecond());
    assertThat(text).contains("cicd_component_up{component=\"store\"} 1");
  }

  @Test
  @DisplayName("metrics need the read token")
  void protectedByToken() throws Exception {
    Checks.problem(app.send(app.request("metrics")), 401);
  }
}

package dev.cicd.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.ingest.RunUpdate;
import dev.cicd.core.metrics.BuildSummary;
import dev.cicd.core.metrics.MetricsQuery;
import dev.cicd.core.testing.HistoryGenerator;
import dev.cicd.http.support.Checks;
import dev.cicd.http.support.Container;
import dev.cicd.http.support.Json;
import dev.cicd.http.support.TestApp;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The JSON contract of builds and metrics on a seeded 30-day history. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiScenarios {
  static final List<String> BUILD_FIELDS = List.of("id", "provider", "repository", "workflow", "runId", "runNumber",
      "attempt", "branch", "commitSha", "event", "actor", "title", "status", "conclusion", "createdAt", "startedAt",
      "completedAt", "durationMs", "url");
  static final List<String> JOB_FIELDS = List.of("id", "name", "attempt", "status", "conclusion", "createdAt",
      "startedAt", "completedAt", "queueMs", "durationMs", "runnerName", "labels", "steps");

  TestApp app;

  abstract Container container();

  @BeforeAll
  void start() throws Exception {
    app = TestApp.start(container());
    HistoryGenerator history = new HistoryGenerator(42, Duration.ofDays(30), true);
    app.ingest(history.builds(400));
    app.ingest(history.deployments(30, 1));
  }

  @AfterAll
  void stop() throws Exception {
    app.close();
  }

  static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("GET api/builds pages through every build newest first, each with the contract fields")
  void listsEveryBuildOnce() throws Exception {
    List<JsonNode> all = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      HttpResponse<String> response = app.get("api/builds?limit=70" + (cursor == null ? "" : "&cursor=" + q(cursor)));
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type").orElseThrow()).isEqualToIgnoringCase("application/json;charset=UTF-8");
      Checks.apiHeaders(response);
      JsonNode page = Json.body(response);
      page.path("items").forEach(all::add);
      assertThat(page.has("nextCursor")).isTrue();
      cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
      pages++;
    } while (cursor != null && pages < 100);

    assertThat(all).hasSize((int) app.cicd.store().count());
    Set<String> ids = new HashSet<>();
    Instant previous = Instant.MAX;
    for (JsonNode build : all) {
      assertThat(ids.add(build.path("id").asText())).isTrue();
      Instant created = Instant.parse(build.path("createdAt").asText());
      assertThat(created).isBeforeOrEqualTo(previous);
      previous = created;
      for (String field : BUILD_FIELDS) {
        assertThat(build.has(field)).as("field %s", field).isTrue();
      }
      assertThat(build.path("status").asText()).isIn(java.util.Arrays.stream(BuildStatus.values()).map(BuildStatus::wireName).toList());
      assertThat(build.path("createdAt").asText()).endsWith("Z");
    }
  }

  @Test
  @DisplayName("the default page is 50 builds and carries a cursor")
  void defaultLimit() throws Exception {
    JsonNode page = Json.body(app.get("api/builds"));
    assertThat(page.path("items")).hasSize(50);
    assertThat(page.path("nextCursor").isTextual()).isTrue();
  }

  @Test
  @DisplayName("filters narrow the listing to matching builds only")
  void filters() throws Exception {
    JsonNode page = Json.body(app.get("api/builds?limit=200&repository=octo-org/api&status=completed&conclusion=failure"
        + "&branch=main&event=push&workflow=CI&from=2026-05-01&to=" + q("2026-06-01T00:00:00+00:00")));
    assertThat(page.path("items")).isNotEmpty();
    for (JsonNode build : page.path("items")) {
      assertThat(build.path("repository").asText()).isEqualTo("octo-org/api");
      assertThat(build.path("conclusion").asText()).isEqualTo("failure");
      assertThat(build.path("branch").asText()).isEqualTo("main");
      assertThat(build.path("workflow").asText()).isEqualTo("CI");
      assertThat(Instant.parse(build.path("createdAt").asText())).isAfterOrEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
    }
  }

  @Test
  @DisplayName("GET api/builds/{id} returns the build with attempts, jobs and steps")
  void detail() throws Exception {
    Build rerun = app.cicd.store().list(dev.cicd.core.store.BuildQuery.builder().limit(200).build()).items().stream()
        .filter(b -> b.attempts().size() > 1).findFirst().orElseThrow();
    Build stored = app.cicd.store().find(rerun.id()).orElseThrow();
    JsonNode build = Json.body(app.get("api/builds/" + rerun.id().asString()));

    assertThat(build.path("id").asText()).isEqualTo(rerun.id().asString());
    assertThat(build.path("attempt").asInt()).isEqualTo(stored.attemptNumber());
    assertThat(build.path("attempts")).hasSize(stored.attempts().size());
    assertThat(build.path("jobs")).hasSize(stored.jobs().size());
    assertThat(build.path("url").asText()).startsWith("https://github.com/");
    for (JsonNode job : build.path("jobs")) {
      for (String field : JOB_FIELDS) {
        assertThat(job.has(field)).as("job field %s", field).isTrue();
      }
    }
    assertThat(build.path("durationMs").isNull() ? null : build.path("durationMs").asLong()).isEqualTo(stored.durationMs());
  }

  @Test
  @DisplayName("unknown and malformed build ids are 404 and 400")
  void missingBuild() throws Exception {
    Checks.problem(app.get("api/builds/github:nobody:nothing:1"), 404);
    Checks.problem(app.get("api/builds/not-an-id"), 400);
  }

  @Test
  @DisplayName("X7/X10: provider links off the configured host are dropped; markup in text stays inert JSON")
  void untrustedText() throws Exception {
    BuildId id = BuildId.github("evil/repo", 31337);
    app.ingest(List.of(RunUpdate.builder(id).workflowName("<img src=x onerror=alert(1)>")
        .branch("<script>alert(1)</script>").status(BuildStatus.COMPLETED).conclusion(Conclusion.SUCCESS)
        .createdAt(TestApp.NOW.minusSeconds(60)).updatedAt(TestApp.NOW).url("javascript:alert(1)").build()));
    HttpResponse<String> response = app.get("api/builds/" + id.asString());
    JsonNode build = Json.body(response);

    assertThat(build.path("url").isNull()).isTrue();
    assertThat(build.path("branch").asText()).isEqualTo("<script>alert(1)</script>");
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).isEqualToIgnoringCase("application/json;charset=UTF-8");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  @DisplayName("GET api/metrics/summary maps the store's summary exactly, with the contract fields")
  void summary() throws Exception {
    JsonNode json = Json.body(app.get("api/metrics/summary?window=30d&repository=octo-org/web"));
    BuildSummary expected = app.cicd.store().summarize(MetricsQuery.last(Duration.ofDays(30), TestApp.NOW)
        .withRepository("octo-org/web"));

    assertThat(json.path("window").path("from").asText()).isEqualTo(TestApp.NOW.minus(Duration.ofDays(30)).toString());
    assertThat(json.path("builds").path("total").asLong()).isEqualTo(expected.builds().total()).isPositive();
    assertThat(json.path("builds").path("success").asLong()).isEqualTo(expected.builds().success());
    assertThat(json.path("builds").path("failure").asLong()).isEqualTo(expected.builds().failure());
    assertThat(json.path("builds").path("other").asLong()).isEqualTo(expected.builds().other());
    assertThat(json.path("successRate").asDouble()).isEqualTo(expected.successRate());
    assertThat(json.path("durationMs").path("p50").asLong()).isEqualTo(expected.durationMs().p50());
    assertThat(json.path("durationMs").path("p95").asLong()).isEqualTo(expected.durationMs().p95());
    assertThat(json.path("queueMs").path("p95").asLong()).isEqualTo(expected.queueMs().p95());
    assertThat(json.path("flakyBuilds").asLong()).isEqualTo(expected.flakyBuilds());
    assertThat(json.path("rerunRate").asDouble()).isEqualTo(expected.rerunRate());
    assertThat(json.path("firstAttemptSuccessRate").asDouble()).isEqualTo(expected.firstAttemptSuccessRate());
    assertThat(json.path("byRepository")).hasSize(1);
    assertThat(json.path("byWorkflow")).hasSize(expected.byWorkflow().size());
    assertThat(json.path("daily")).hasSize(expected.daily().size());
    assertThat(json.path("daily").get(0).path("date").asText()).isEqualTo(expected.daily().get(0).date().toString());
    assertThat(json.path("dora").path("deployments").asLong()).isEqualTo(expected.dora().deployments());
    assertThat(json.has("mttrMs")).isTrue();
  }

  @Test
  @DisplayName("the default summary window is the last 7 days; from alone runs to now")
  void summaryWindows() throws Exception {
    JsonNode byDefault = Json.body(app.get("api/metrics/summary"));
    JsonNode from = Json.body(app.get("api/metrics/summary?from=2026-05-20"));
    assertThat(byDefault.path("window").path("from").asText()).isEqualTo(TestApp.NOW.minus(Duration.ofDays(7)).toString());
    assertThat(byDefault.path("window").path("to").asText()).isEqualTo(TestApp.NOW.toString());
    assertThat(from.path("window").path("from").asText()).isEqualTo("2026-05-20T00:00:00Z");
    assertThat(from.path("window").path("to").asText()).isEqualTo(TestApp.NOW.toString());
  }

  @Test
  @DisplayName("an empty window has null rates and percentiles, not zeros")
  void emptyWindow() throws Exception {
    JsonNode json = Json.body(app.get("api/metrics/summary?from=2020-01-01&to=2020-01-02"));
    assertThat(json.path("builds").path("total").asLong()).isZero();
    assertThat(json.path("successRate").isNull()).isTrue();
    assertThat(json.path("durationMs").path("p50").isNull()).isTrue();
    assertThat(json.path("mttrMs").isNull()).isTrue();
  }
}

package dev.cicd.examples.standalone.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cicd.examples.standalone.GitHubWebhooks;
import dev.cicd.examples.standalone.TestApps;
import dev.cicd.examples.standalone.history.HistoryDeliveries.Delivery;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The app as GitHub and a team meet it: a generated history of runs, re-runs and jobs, delivered as signed
 * webhooks shuffled, partly redelivered (same delivery id) and partly sent again under a new id, by four senders
 * at once, into the standalone app on H2 and on PostgreSQL, with a summary read half-way (so that late deliveries
 * land on days the store may have cached); then {@code /api/metrics/summary} must equal the figures DESIGN.md's
 * definitions give for that history ({@link ReferenceSummary}; DORA from the README's, {@link ReferenceDora}),
 * merging on arrival and with the webhook inbox.
 */
class WebhookHistoryTest {
  private static final String SECRET = "history-secret";
  private static final String TOKEN = "history-read-token-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}, webhook inbox {1}")
  @CsvSource({"h2, false", "h2, true", "postgresql, false", "postgresql, true"})
  @DisplayName("a shuffled, duplicated webhook history gives the summary DESIGN.md defines")
  void summaryOfAShuffledDuplicatedHistory(String database, boolean inbox) throws Exception {
    Map<String, String> env = new HashMap<>(Map.of("CICD_PORT", "0", "CICD_DATA_DIR", dir.toString(),
        "CICD_GITHUB_WEBHOOK_SECRET", SECRET, "CICD_API_TOKEN", TOKEN, "CICD_WEBHOOK_INBOX", String.valueOf(inbox)));
    if (database.equals("postgresql")) {
      try (PostgresSchema schema = new PostgresSchema()) {
        env.putAll(Map.of("CICD_DB_URL", schema.url(), "CICD_DB_USER", PostgresSchema.USER));
        if (!PostgresSchema.PASSWORD.isEmpty()) {
          env.put("CICD_DB_PASSWORD", PostgresSchema.PASSWORD);
        }
        check(env, inbox);
      }
    } else {
      check(env, inbox);
    }
  }

  private void check(Map<String, String> env, boolean inbox) throws Exception {
    Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(20));
    RunHistory history = new RunHistory(20261128L, 300, start, Duration.ofDays(14));
    List<Delivery> deliveries = shuffledWithRepeats(HistoryDeliveries.of(history), new Random(7));
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
    ReferenceDora dora = new ReferenceDora(history, from, to, null);
    ReferenceDora narrowedDora = new ReferenceDora(history, from, to, repository);
    assertThat(dora.failed).as("failed deployments").isPositive();
    assertThat(dora.timeToRestoreMs).isNotNull();
    assertThat(narrowedDora.deployments).isPositive().isLessThan(dora.deployments);

    try (TestApps.Running app = TestApps.start(env)) {
      String base = "http://127.0.0.1:" + app.port();
      String summaryPath = "/api/metrics/summary?from=" + q(from.toString()) + "&to=" + q(to.toString());
      // Half of it first and a summary, which the store may cache for settled days; the rest then lands on them.
      Map<Integer, Integer> statuses = post(base, deliveries.subList(0, deliveries.size() / 2));
      get(base, summaryPath);
      post(base, deliveries.subList(deliveries.size() / 2, deliveries.size())).forEach((status, count) ->
          statuses.merge(status, count, Integer::sum));
      assertThat(statuses.keySet()).as("answers %s", statuses).containsOnly(inbox ? 202 : 200, 200);
      if (inbox) {
        awaitMerged(base);
      }
      JsonNode summary = get(base, summaryPath);
      JsonNode filtered = get(base, summaryPath + "&repository=" + q(repository) + "&branch=" + q(branch));
      System.out.printf("history: %d runs, %d deployments, %d deliveries posted %s; window: %d builds, %d durations,"
          + " %d queue times, %d flaky, MTTR %.0f ms, %d deployments, %d failed, lead time p50 %d ms%n",
          history.runs().size(), history.deployments().size(), deliveries.size(), statuses, expected.total,
          expected.durations.size(), expected.queues.size(), expected.flaky, expected.mttrMs, dora.deployments,
          dora.failed, dora.leadTimeP50Ms);
      assertSummary(summary, expected);
      assertSummary(filtered, narrowed);
      assertDora(summary.path("dora"), dora);
      assertDora(filtered.path("dora"), narrowedDora);
      assertThat(listedRunIds(base)).as("every run listed once")
          .containsExactlyInAnyOrderElementsOf(history.runs().stream().map(RunHistory.Run::id).toList());
    }
  }

  private static void assertSummary(JsonNode summary, ReferenceSummary expected) {
    JsonNode builds = summary.path("builds");
    assertThat(builds.path("total").asLong()).isEqualTo(expected.total);
    for (String conclusion : List.of("success", "failure", "cancelled", "skipped", "other")) {
      assertThat(builds.path(conclusion).asLong()).as(conclusion)
          .isEqualTo(expected.byConclusion.getOrDefault(conclusion, 0L));
    }
    assertThat(summary.path("successRate").asDouble()).isCloseTo(expected.successRate, within(1e-12));
    JsonNode durations = summary.path("durationMs");
    assertThat(durations.path("count").asLong()).isEqualTo(expected.durations.size());
    assertThat(durations.path("p50").asLong()).isEqualTo(ReferenceSummary.percentile(expected.durations, 50));
    assertThat(durations.path("p95").asLong()).isEqualTo(ReferenceSummary.percentile(expected.durations, 95));
    assertThat(durations.path("avg").asDouble()).isCloseTo(ReferenceSummary.mean(expected.durations), within(0.5));
    JsonNode queue = summary.path("queueMs");
    assertThat(queue.path("count").asLong()).isEqualTo(expected.queues.size());
    assertThat(queue.path("p50").asLong()).isEqualTo(ReferenceSummary.percentile(expected.queues, 50));
    assertThat(queue.path("p95").asLong()).isEqualTo(ReferenceSummary.percentile(expected.queues, 95));
    assertThat(summary.path("flakyBuilds").asLong()).isEqualTo(expected.flaky);
    assertThat(summary.path("rerunRate").asDouble()).isCloseTo(expected.rerunRate, within(1e-12));
    assertThat(summary.path("firstAttemptSuccessRate").asDouble())
        .isCloseTo(expected.firstAttemptSuccessRate, within(1e-12));
    assertThat(summary.path("mttrMs").asDouble()).isCloseTo(expected.mttrMs, within(0.5));
    assertThat(groups(summary.path("daily"), "date")).isEqualTo(expected.daily);
    assertThat(groups(summary.path("byRepository"), "repository")).isEqualTo(expected.byRepository);
  }

  private static void assertDora(JsonNode dora, ReferenceDora expected) {
    assertThat(dora.path("deployments").asLong()).as("deployments").isEqualTo(expected.deployments);
    assertThat(dora.path("failedDeployments").asLong()).as("failed deployments").isEqualTo(expected.failed);
    assertThat(dora.path("deploymentsPerDay").asDouble()).isCloseTo(expected.perDay, within(1e-9));
    assertThat(dora.path("changeFailureRate").asDouble()).isCloseTo(expected.changeFailureRate, within(1e-12));
    assertThat(dora.path("leadTimeP50Ms").asLong()).as("lead time p50").isEqualTo(expected.leadTimeP50Ms);
    assertThat(dora.path("timeToRestoreMs").asDouble()).as("time to restore")
        .isCloseTo(expected.timeToRestoreMs, within(0.5));
  }

  /** Total, success, failure class, p50 and p95 duration of each group with builds (the daily series has every day). */
  private static Map<String, List<Object>> groups(JsonNode groups, String nameField) {
    Map<String, List<Object>> byName = new TreeMap<>();
    groups.forEach(g -> {
      if (g.path("total").asLong() > 0) {
        byName.put(g.path(nameField).asText(), Arrays.asList(g.path("total").asLong(),
            g.path("success").asLong(), g.path("failed").asLong(), nullableLong(g.path("p50DurationMs")),
            nullableLong(g.path("p95DurationMs"))));
      }
    });
    return byName;
  }

  private static Long nullableLong(JsonNode value) {
    return value.isNull() || value.isMissingNode() ? null : value.asLong();
  }

  /** Every delivery, a fifth of them again under the same id and a tenth again under a new id, in random order. */
  private static List<Delivery> shuffledWithRepeats(List<Delivery> deliveries, Random random) {
    List<Delivery> all = new ArrayList<>(deliveries);
    for (Delivery delivery : deliveries) {
      if (random.nextInt(5) == 0) {
        all.add(delivery);
      }
      if (random.nextInt(10) == 0) {
        all.add(delivery.sentAgainAs(UUID.randomUUID().toString()));
      }
    }
    Collections.shuffle(all, random);
    return all;
  }

  /** Posts every delivery from four threads; returns how many answers each status had. */
  private Map<Integer, Integer> post(String base, List<Delivery> deliveries) throws Exception {
    ConcurrentLinkedQueue<Delivery> queue = new ConcurrentLinkedQueue<>(deliveries);
    Map<Integer, Integer> statuses = Collections.synchronizedMap(new TreeMap<>());
    ExecutorService senders = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        running.add(senders.submit(() -> {
          for (Delivery d; (d = queue.poll()) != null; ) {
            HttpResponse<String> response = http.send(signed(base, d), HttpResponse.BodyHandlers.ofString());
            statuses.merge(response.statusCode(), 1, Integer::sum);
            assertThat(response.statusCode()).as("%s %s: %s", d.event(), d.id(), response.body()).isLessThan(300);
          }
          return null;
        }));
      }
      for (Future<?> sender : running) {
        sender.get();
      }
    } finally {
      senders.shutdownNow();
    }
    return statuses;
  }

  private static HttpRequest signed(String base, Delivery delivery) {
    return HttpRequest.newBuilder(URI.create(base + "/api/webhook/github-actions"))
        .header("Content-Type", "application/json").header("X-GitHub-Event", delivery.event())
        .header("X-GitHub-Delivery", delivery.id())
        .header("X-Hub-Signature-256", GitHubWebhooks.signature(SECRET, delivery.body()))
        .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body())).build();
  }

  private void awaitMerged(String base) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonNode inbox;
    do {
      Thread.sleep(50);
      inbox = get(base, "/health").path("components").path("inbox").path("details");
    } while (!(inbox.path("backlog").asLong(-1) == 0 && !inbox.path("recovering").asBoolean(true))
        && System.nanoTime() < deadline);
    assertThat(inbox.path("backlog").asLong(-1)).as("inbox %s", inbox).isZero();
    assertThat(inbox.path("failed").asLong()).isZero();
  }

  private List<Long> listedRunIds(String base) throws Exception {
    List<Long> ids = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page = get(base, "/api/builds?limit=200" + (cursor == null ? "" : "&cursor=" + q(cursor)));
      page.path("items").forEach(build -> ids.add(build.path("runId").asLong()));
      cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
    } while (cursor != null);
    return ids;
  }

  private JsonNode get(String base, String path) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}

package dev.cicd.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.metrics.MetricsCalculator;
import dev.cicd.github.internal.Fields;
import dev.cicd.github.internal.JobMapper;
import dev.cicd.github.internal.RunMapper;
import dev.cicd.core.metrics.OutcomePolicy;
import dev.cicd.core.source.SourceHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GitHubSourcePollingTest {
  private PollingHarness h = new PollingHarness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  @DisplayName("backfill follows Link rel=next over three pages and ingests every run with its jobs")
  void backfillThreePages() {
    List<ObjectNode> runs = PollingHarness.runs(PollingHarness.REPO, 250, 1000, Duration.ofHours(2));
    h.serve(PollingHarness.REPO, runs);
    h.poll();

    assertThat(h.store.count()).isEqualTo(250);
    List<FakeGitHub.Request> listings = h.github.requests().stream().filter(r -> r.path().endsWith("/actions/runs")).toList();
    assertThat(listings).hasSize(3);
    assertThat(listings).allSatisfy(r -> {
      assertThat(r.url().queryParameter("per_page")).isEqualTo("100");
      assertThat(r.url().queryParameter("created")).isEqualTo("2024-05-02T12:00:00Z..2024-06-01T12:00:00Z");
    });
    assertThat(listings.get(1).url().queryParameter("page")).isEqualTo("2");
    assertThat(listings.get(2).url().queryParameter("page")).isEqualTo("3");
    Build build = h.store.find(BuildId.github(PollingHarness.REPO, 1000)).orElseThrow();
    assertThat(build.status()).isEqualTo(BuildStatus.COMPLETED);
    assertThat(build.conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(build.workflow().name()).isEqualTo("Build");
    assertThat(build.workflow().path()).isEqualTo(".github/workflows/build.yml");
    assertThat(build.jobs()).singleElement().satisfies(job -> {
      assertThat(job.id()).isEqualTo(10_000L);
      assertThat(job.attempt()).isEqualTo(1);
      assertThat(job.steps()).hasSize(10);
    });
    assertThat(h.health().state()).isEqualTo(SourceHealth.State.UP);
    assertThat(h.health().details()).containsEntry("backfill", "done: 250/250 runs, 253 requests");
  }

  @Test
  @DisplayName("while the backfill runs, health is DEGRADED with the progress line, updated page by page")
  void liveBackfillProgress() {
    h.serve(PollingHarness.REPO, PollingHarness.runs(PollingHarness.REPO, 250, 1000, Duration.ofHours(2)));
    List<SourceHealth> during = new ArrayList<>();
    h.ingestion.addListener(change -> {
      if (h.changes.size() == 150 * 2) {   // one run and one job change per run: the middle of page 2
        during.add(h.health());
      }
    });
    h.poll();
    assertThat(during).singleElement().satisfies(health -> {
      assertThat(health.state()).isEqualTo(SourceHealth.State.DEGRADED);
      assertThat(health.problem()).isEqualTo("backfilling: 100/250 runs, 101 requests");
      assertThat(health.details()).containsEntry("backfill", "in progress: 100/250 runs, 101 requests");
    });
  }

  @Test
  @DisplayName("the request headers: token, GitHub media type, API version, user agent")
  void headers() {
    h.serve(PollingHarness.REPO, PollingHarness.runs(PollingHarness.REPO, 1, 1, Duration.ofHours(1)));
    h.poll();
    FakeGitHub.Request first = h.github.requests().get(0);
    assertThat(first.headers().get("Authorization")).isEqualTo("Bearer ghp_test0000000000000000000000000000000000");
    assertThat(first.headers().get("Accept")).isEqualTo("application/vnd.github+json");
    assertThat(first.headers().get("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
    assertThat(first.headers().get("User-Agent")).isEqualTo(GitHubConfig.DEFAULT_USER_AGENT);
    assertThat(first.path()).isEqualTo("/repos/octo-org/api/actions/runs");
    assertThat(h.github.requests().get(1).path()).isEqualTo("/repos/octo-org/api/actions/runs/1/attempts/1/jobs");
  }

  @Test
  @DisplayName("a second cycle gets only 304s and writes nothing")
  void secondCycleNotModified() {
    List<ObjectNode> runs = PollingHarness.runs(PollingHarness.REPO, 3, 1, Duration.ofHours(1));
    RunFactory.inProgress(runs.get(0));
    h.serve(PollingHarness.REPO, runs);
    h.poll();
    h.clock.advance(Duration.ofSeconds(60));
    h.poll();   // first incremental cycle: the unfiltered listing is new, so it is fetched once
    int before = h.github.requestCount();
    int changesBefore = h.changes.size();
    long versions = versionSum();

    h.clock.advance(Duration.ofSeconds(60));
    h.poll();

    List<FakeGitHub.Request> cycle = h.github.requests().subList(before, h.github.requestCount());
    assertThat(cycle).isNotEmpty();
    assertThat(cycle).allSatisfy(r -> assertThat(r.headers().get("If-None-Match")).isNotNull());
    assertThat(h.changes).hasSize(changesBefore);
    assertThat(versionSum()).isEqualTo(versions);
    // the idle cycle: the listing (304), plus the run in progress and its jobs (304 each)
    assertThat(cycle).extracting(FakeGitHub.Request::path).containsExactly(
        "/repos/octo-org/api/actions/runs", "/repos/octo-org/api/actions/runs/3",
        "/repos/octo-org/api/actions/runs/3/attempts/1/jobs");
  }

  @Test
  @DisplayName("without a backfill: the first cycle reads runs and jobs, the second gets only 304s and writes nothing")
  void secondCycleNotModifiedWithoutBackfill() {
    h.close();
    h = new PollingHarness(b -> b.backfill(Duration.ZERO));
    List<ObjectNode> runs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      runs.add(RunFactory.run(PollingHarness.REPO, 10 - i, h.clock.instant().minus(Duration.ofMinutes(2 + i))));
    }
    h.serve(PollingHarness.REPO, runs);
    h.poll();
    assertThat(h.store.count()).isEqualTo(3);
    assertThat(h.store.find(dev.cicd.core.build.BuildId.github(PollingHarness.REPO, 10)).orElseThrow().jobs()).hasSize(1);
    int first = h.github.requestCount();
    int changes = h.changes.size();

    h.clock.advance(Duration.ofSeconds(60));
    h.poll();

    List<FakeGitHub.Request> second = h.github.requests().subList(first, h.github.requestCount());
    assertThat(second).singleElement().satisfies(r -> {
      assertThat(r.path()).isEqualTo("/repos/octo-org/api/actions/runs");
      assertThat(r.headers().get("If-None-Match")).isNotNull();
    });
    assertThat(h.changes).hasSize(changes);
    assertThat(h.health().details()).containsEntry("lastCycleRequests", "1");
  }

  private long versionSum() {
    return h.store.list(dev.cicd.core.store.BuildQuery.firstPage()).items().stream().mapToLong(Build::version).sum();
  }

  @Test
  @DisplayName("a run in progress is re-polled with its jobs until it completes; a re-run (attempt 2) is seen")
  void inProgressAndRerun() {
    List<ObjectNode> runs = PollingHarness.runs(PollingHarness.REPO, 2, 1, Duration.ofHours(1));
    ObjectNode running = RunFactory.inProgress(runs.get(0));
    h.serve(PollingHarness.REPO, runs);
    h.poll();
    BuildId id = BuildId.github(PollingHarness.REPO, 2);
    assertThat(h.store.find(id).orElseThrow().status()).isEqualTo(BuildStatus.IN_PROGRESS);

    h.clock.advance(Duration.ofMinutes(1));
    running.put("status", "completed").put("conclusion", "failure").put("updated_at", h.clock.instant().toString());
    h.poll();
    Build completed = h.store.find(id).orElseThrow();
    assertThat(completed.status()).isEqualTo(BuildStatus.COMPLETED);
    assertThat(completed.conclusion()).isEqualTo(Conclusion.FAILURE);

    h.clock.advance(Duration.ofMinutes(1));
    running.put("run_attempt", 2).put("status", "completed").put("conclusion", "success")
        .put("updated_at", h.clock.instant().toString());
    h.github.jobs(PollingHarness.REPO, 2, 2, List.of(RunFactory.job(2, 77, h.clock.instant())));
    h.poll();
    Build rerun = h.store.find(id).orElseThrow();
    assertThat(rerun.attemptNumber()).isEqualTo(2);
    assertThat(rerun.conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(rerun.attempt(1).orElseThrow().conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(rerun.jobsOfAttempt(2)).extracting(j -> j.id()).containsExactly(77L);
  }

  @Test
  @DisplayName("a run first seen at attempt 3: attempts 1 and 2 are asked for once, so flaky and first-attempt count")
  void earlierAttemptsOfARerunSeenFirstAtItsLatest() {
    List<ObjectNode> runs = PollingHarness.runs(PollingHarness.REPO, 1, 1, Duration.ofHours(1));
    ObjectNode latest = runs.get(0);
    Instant created = Instant.parse(latest.get("created_at").asText());
    h.github.attempt(PollingHarness.REPO, 1, 1, attemptOf(latest, 1, "failure", created.plusSeconds(60)));
    h.github.attempt(PollingHarness.REPO, 1, 2, attemptOf(latest, 2, "timed_out", created.plusSeconds(900)));
    latest.put("run_attempt", 3).put("run_started_at", created.plusSeconds(1000).toString())
        .put("updated_at", created.plusSeconds(1300).toString());
    h.serve(PollingHarness.REPO, runs);
    h.poll();

    Build build = h.store.find(BuildId.github(PollingHarness.REPO, 1)).orElseThrow();
    assertThat(build.attemptNumber()).isEqualTo(3);
    assertThat(build.conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(build.attempt(1).orElseThrow().conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(build.attempt(2).orElseThrow().conclusion()).isEqualTo(Conclusion.TIMED_OUT);
    assertThat(build.attempt(2).orElseThrow().startedAt()).isEqualTo(created.plusSeconds(840));
    assertThat(MetricsCalculator.isFlaky(build, OutcomePolicy.DEFAULT)).isTrue();
    assertThat(attemptRequests()).containsExactlyInAnyOrder("/repos/octo-org/api/actions/runs/1/attempts/1",
        "/repos/octo-org/api/actions/runs/1/attempts/2");

    h.clock.advance(Duration.ofMinutes(5));
    h.poll();
    assertThat(attemptRequests()).as("known attempts are not asked again").hasSize(2);
  }

  @Test
  @DisplayName("an earlier attempt GitHub no longer has is a problem of the cycle; the run itself is stored")
  void earlierAttemptGone() {
    List<ObjectNode> runs = PollingHarness.runs(PollingHarness.REPO, 1, 1, Duration.ofHours(1));
    runs.get(0).put("run_attempt", 2);
    h.serve(PollingHarness.REPO, runs);
    h.poll();
    Build build = h.store.find(BuildId.github(PollingHarness.REPO, 1)).orElseThrow();
    assertThat(build.attemptNumber()).isEqualTo(2);
    assertThat(build.conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(h.health().problem()).contains("attempt 1 of run 1").contains("404");
  }

  @Test
  @DisplayName("a completed run whose webhooks brought one job and lost the other: its jobs are listed once")
  void jobsLostByWebhooksAreListedOnce() {
    List<ObjectNode> runs = PollingHarness.runs(PollingHarness.REPO, 1, 1, Duration.ofHours(1));
    Instant started = Instant.parse(runs.get(0).get("run_started_at").asText());
    ObjectNode kept = RunFactory.job(1, 10, started);
    ObjectNode lost = RunFactory.job(1, 11, started.plusSeconds(30));
    // What the webhooks brought: the completed run and one of its two completed jobs.
    h.ingestion.ingest(RunMapper.map(Fields.of(runs.get(0), ""), null, PollingHarness.REPO));
    h.ingestion.ingest(JobMapper.map(Fields.of(kept, ""), PollingHarness.REPO, 1, 1L));
    h.github.runs(PollingHarness.REPO, runs);
    h.github.jobs(PollingHarness.REPO, 1, 1, List.of(kept, lost));
    h.poll();
    BuildId id = BuildId.github(PollingHarness.REPO, 1);
    assertThat(h.store.find(id).orElseThrow().jobsOfAttempt(1)).extracting(j -> j.id()).containsExactly(10L, 11L);

    // A restart on the same store: the listing is repeated, the job list is not.
    GitHubSource restarted = GitHubSource.builder(h.source.config()).clock(h.clock).sleeper(h.clock::advance).build();
    int before = jobListRequests();
    restarted.poll(h.ingestion);
    restarted.close();
    assertThat(jobListRequests()).isEqualTo(before).isEqualTo(1);
  }

  @Test
  @DisplayName("over 100 jobs: a job that changed on the second page is read although the first answers 304")
  void laterJobPageReadPastAnUnchangedFirst() {
    List<ObjectNode> runs = PollingHarness.runs(PollingHarness.REPO, 1, 1, Duration.ofHours(1));
    ObjectNode run = RunFactory.inProgress(runs.get(0));
    Instant started = Instant.parse(run.get("run_started_at").asText());
    List<ObjectNode> jobs = new ArrayList<>();
    for (long jobId = 1; jobId <= 150; jobId++) {
      jobs.add(RunFactory.job(1, jobId, started));
    }
    ObjectNode last = jobs.get(149).put("status", "in_progress").putNull("conclusion").putNull("completed_at");
    h.github.runs(PollingHarness.REPO, runs);
    h.github.jobs(PollingHarness.REPO, 1, 1, jobs);
    h.poll();
    BuildId id = BuildId.github(PollingHarness.REPO, 1);
    assertThat(h.store.find(id).orElseThrow().jobsOfAttempt(1)).hasSize(150)
        .filteredOn(j -> j.id() == 150L).extracting(j -> j.status()).containsExactly(BuildStatus.IN_PROGRESS);

    // The last job and the run complete; the first page of jobs is unchanged.
    last.put("status", "completed").put("conclusion", "success")
        .put("completed_at", started.plusSeconds(90).toString());
    run.put("status", "completed").put("conclusion", "success").put("updated_at", started.plusSeconds(95).toString());
    h.github.jobs(PollingHarness.REPO, 1, 1, jobs);
    h.clock.advance(Duration.ofMinutes(1));
    h.poll();
    assertThat(h.store.find(id).orElseThrow().jobsOfAttempt(1)).filteredOn(j -> j.id() == 150L)
        .extracting(j -> j.status()).containsExactly(BuildStatus.COMPLETED);
  }

  private int jobListRequests() {
    return (int) h.github.requests().stream().filter(r -> r.path().endsWith("/jobs")).count();
  }

  /** The run as attempt {@code attempt} left it: completed at {@code completed}, started a minute before. */
  private static ObjectNode attemptOf(ObjectNode run, int attempt, String conclusion, Instant completed) {
    return run.deepCopy().put("run_attempt", attempt).put("conclusion", conclusion).put("status", "completed")
        .put("run_started_at", completed.minusSeconds(60).toString()).put("updated_at", completed.toString());
  }

  private List<String> attemptRequests() {
    return h.github.requests().stream().map(FakeGitHub.Request::path).filter(p -> p.matches(".*/attempts/\\d+"))
        .toList();
  }

  @Test
  @DisplayName("403 with remaining 0 and reset in 120 s: no request before the reset, health says rate-limited")
  void primaryRateLimit() {
    h.serve(PollingHarness.REPO, PollingHarness.runs(PollingHarness.REPO, 2, 1, Duration.ofHours(1)));
    Instant reset = h.clock.instant().plusSeconds(120);
    h.github.script("/repos/octo-org/api/actions/runs", new MockResponse.Builder().code(403)
        .addHeader("X-RateLimit-Remaining", "0").addHeader("X-RateLimit-Limit", "5000")
        .addHeader("X-RateLimit-Reset", String.valueOf(reset.getEpochSecond()))
        .body("{\"message\":\"API rate limit exceeded for user ID 1.\"}").build());

    h.poll();
    assertThat(h.github.requestCount()).isEqualTo(1);
    SourceHealth health = h.health();
    assertThat(health.state()).isEqualTo(SourceHealth.State.DEGRADED);
    assertThat(health.problem()).startsWith("rate-limited until 2024-06-01T12:02:01Z");
    assertThat(health.details()).containsEntry("rateLimitRemaining", "0");

    // 60 s later the remaining wait (61 s) fits in maxRetryWait: the poll waits through the sleeper first
    h.clock.advance(Duration.ofSeconds(60));
    h.poll();
    assertThat(h.sleeps).containsExactly(Duration.ofSeconds(61));
    List<FakeGitHub.Request> requests = h.github.requests();
    assertThat(requests).hasSizeGreaterThan(1);
    assertThat(requests.subList(1, requests.size())).allSatisfy(r -> assertThat(r.at()).isAfter(reset));
    assertThat(h.store.count()).isEqualTo(2);
    assertThat(h.health().state()).isEqualTo(SourceHealth.State.UP);
  }

  @Test
  @DisplayName("429 with retry-after: waits that long (through the sleeper) and then succeeds in the same cycle")
  void retryAfter() {
    h.serve(PollingHarness.REPO, PollingHarness.runs(PollingHarness.REPO, 1, 1, Duration.ofHours(1)));
    h.github.script("/repos/octo-org/api/actions/runs", new MockResponse.Builder().code(429)
        .addHeader("Retry-After", "60").addHeader("X-RateLimit-Remaining", "4000")
        .body("{\"message\":\"You have exceeded a secondary rate limit.\"}").build());
    h.poll();
    List<FakeGitHub.Request> requests = h.github.requests();
    assertThat(requests.get(1).path()).isEqualTo(requests.get(0).path());
    assertThat(Duration.between(requests.get(0).at(), requests.get(1).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
    assertThat(h.sleeps).contains(Duration.ofSeconds(60));
    assertThat(h.store.count()).isEqualTo(1);
  }

  @Test
  @DisplayName("403 secondary limit without headers: waits at least a minute, then backs off exponentially, bounded")
  void secondaryWithoutHeaders() {
    h.serve(PollingHarness.REPO, PollingHarness.runs(PollingHarness.REPO, 1, 1, Duration.ofHours(1)));
    MockResponse secondary = new MockResponse.Builder().code(403)
        .body("{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes.\"}").build();
    h.github.script("/repos/octo-org/api/actions/runs", secondary, secondary, secondary, secondary, secondary);
    h.poll();
    List<FakeGitHub.Request> requests = h.github.requests();
    assertThat(requests).hasSize(2);
    assertThat(Duration.between(requests.get(0).at(), requests.get(1).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
    // the second wait (>= 120 s) exceeds maxRetryWait (2 min): the cycle ends instead of waiting inline
    assertThat(h.health().problem()).startsWith("rate-limited until");
    h.poll();
    assertThat(h.github.requestCount()).isEqualTo(2);
  }

  @Test
  @DisplayName("502 then success: bounded backoff, then the data is ingested")
  void badGatewayThenSuccess() {
    h.serve(PollingHarness.REPO, PollingHarness.runs(PollingHarness.REPO, 2, 1, Duration.ofHours(1)));
    h.github.script("/repos/octo-org/api/actions/runs", new MockResponse.Builder().code(502).body("Bad Gateway").build());
    h.poll();
    assertThat(h.store.count()).isEqualTo(2);
    assertThat(h.sleeps).singleElement().satisfies(d -> assertThat(d).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1250)));
    assertThat(h.health().state()).isEqualTo(SourceHealth.State.UP);
  }

  @Test
  @DisplayName("persistent 503: gives up after maxRetries, reports DEGRADED, and retries on a later tick")
  void persistentServerError() {
    h.serve(PollingHarness.REPO, PollingHarness.runs(PollingHarness.REPO, 1, 1, Duration.ofHours(1)));
    MockResponse unavailable = new MockResponse.Builder().code(503).body("unavailable").build();
    h.github.script("/repos/octo-org/api/actions/runs", unavailable, unavailable, unavailable, unavailable);
    h.poll();
    assertThat(h.github.requestCount()).isEqualTo(1 + GitHubConfig.DEFAULT_MAX_RETRIES);
    assertThat(h.health().state()).isEqualTo(SourceHealth.State.DEGRADED);
    assertThat(h.health().problem()).contains("503").contains("after 4 attempts");
    h.poll();
    assertThat(h.github.requestCount()).isEqualTo(4);
    h.clock.advance(Duration.ofSeconds(60));
    h.poll();
    assertThat(h.store.count()).isEqualTo(1);
    assertThat(h.health().state()).isEqualTo(SourceHealth.State.UP);
  }

  @Test
  @DisplayName("one malformed page is reported while the runs of the other pages are kept")
  void malformedPage() {
    List<ObjectNode> runs = PollingHarness.runs(PollingHarness.REPO, 250, 1, Duration.ofHours(2));
    h.serve(PollingHarness.REPO, runs);
    h.github.script("/repos/octo-org/api/actions/runs", new MockResponse.Builder().code(200)
        .addHeader("Link", "<" + h.github.apiUrl() + "/repos/octo-org/api/actions/runs?per_page=100&created=2024-05-02T12:00:00Z..2024-06-01T12:00:00Z&page=2>; rel=\"next\"")
        .body("{\"total_count\": 250, \"workflow_runs\": [{\"id\": 1, \"truncated").build());
    h.poll();
    // page 1 was unreadable; pages 2 and 3 (150 runs) are kept
    assertThat(h.store.count()).isEqualTo(150);
    SourceHealth health = h.health();
    assertThat(health.state()).isEqualTo(SourceHealth.State.DEGRADED);
    assertThat(health.problem()).contains("malformed JSON").contains("/repos/octo-org/api/actions/runs")
        .contains("retried next poll");
    assertThat(health.details().get("backfill")).startsWith("in progress: 150/? runs");

    // the next cycle reads the page again (GitHub answers properly now) and completes the backfill
    h.clock.advance(Duration.ofSeconds(60));
    h.poll();
    assertThat(h.store.count()).isEqualTo(250);
    assertThat(h.health().state()).isEqualTo(SourceHealth.State.UP);
    assertThat(h.health().details().get("backfill")).startsWith("done: 250/250 runs");
  }

  @Test
  @DisplayName("a page that stays unreadable is given up after three attempts, and polling goes on")
  void persistentlyMalformedPage() {
    h.serve(PollingHarness.REPO, PollingHarness.runs(PollingHarness.REPO, 5, 1, Duration.ofHours(2)));
    MockResponse broken = new MockResponse.Builder().code(200).body("{\"total_count\": 5, \"workflow_runs\": 7}").build();
    h.github.script("/repos/octo-org/api/actions/runs", broken, broken, broken);
    for (int i = 0; i < 3; i++) {
      h.poll();
      h.clock.advance(Duration.ofSeconds(60));
    }
    assertThat(h.health().problem()).contains("gave up after 3 attempts")
        .contains("workflow_runs must be an array, but was an integer");
    assertThat(h.health().details().get("backfill")).startsWith("done: 0/0 runs");
    // polling goes on with incremental cycles (the lost page's runs come back only if they change)
    int before = h.github.requestCount();
    h.poll();
    assertThat(h.github.requests().subList(before, h.github.requestCount()))
        .extracting(r -> r.url().queryParameter("created")).containsOnlyNulls();
    assertThat(h.health().state()).isEqualTo(SourceHealth.State.UP);
  }

  @Test
  @DisplayName("401 stops polling of the source and health explains why; no retry storm")
  void unauthorized() {
    h.serve(PollingHarness.REPO, PollingHarness.runs(PollingHarness.REPO, 1, 1, Duration.ofHours(1)));
    h.github.script("/repos/octo-org/api/actions/runs", new MockResponse.Builder().code(401)
        .body("{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\"}").build());
    h.poll();
    assertThat(h.github.requestCount()).isEqualTo(1);
    SourceHealth health = h.health();
    assertThat(health.state()).isEqualTo(SourceHealth.State.DOWN);
    assertThat(health.problem()).startsWith("GitHub rejected the token (401 Unauthorized)")
        .contains("Bad credentials").contains("Polling of every repository is stopped")
        .doesNotContain("ghp_test");
    h.clock.advance(Duration.ofMinutes(10));
    h.poll();
    assertThat(h.github.requestCount()).isEqualTo(1);
  }
}

package dev.cicd.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.build.Job;
import dev.cicd.core.ingest.IngestionService;
import dev.cicd.core.ingest.JobUpdate;
import dev.cicd.core.ingest.RunUpdate;
import dev.cicd.core.store.InMemoryBuildStore;
import dev.cicd.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Hand-computed expectations for each definition in DESIGN.md. */
class MetricsCalculatorTest {
  static final Instant DAY = Instant.parse("2026-05-10T00:00:00Z");
  static final MetricsQuery WEEK = MetricsQuery.window(DAY, DAY.plus(Duration.ofDays(7)));

  final InMemoryBuildStore store = new InMemoryBuildStore();
  final IngestionService ingestion = IngestionService.create(store, MutableClock.at("2026-06-01T00:00:00Z"));
  long nextRun = 1;

  /** A completed single-attempt build finishing {@code minutes} after DAY and lasting {@code seconds}. */
  long build(String branch, Conclusion conclusion, long minutes, long seconds) {
    long run = nextRun++;
    Instant end = DAY.plus(Duration.ofMinutes(minutes));
    ingestion.ingest(run(run, branch, 1).status(BuildStatus.COMPLETED).conclusion(conclusion)
        .startedAt(end.minusSeconds(seconds)).updatedAt(end).build());
    return run;
  }

  RunUpdate.Builder run(long run, String branch, int attempt) {
    return RunUpdate.builder(BuildId.github("o/r", run)).workflowName("CI").branch(branch).attempt(attempt)
        .createdAt(DAY.minusSeconds(3600));
  }

  BuildSummary summary() {
    return store.summarize(WEEK);
  }

  @Test
  @DisplayName("cancelled and skipped count in totals but not in the rate; timed_out is a failure")
  void totalsAndRate() {
    build("main", Conclusion.SUCCESS, 10, 60);
    build("main", Conclusion.FAILURE, 20, 60);
    build("main", Conclusion.CANCELLED, 30, 60);
    build("main", Conclusion.SKIPPED, 40, 0);
    build("main", Conclusion.TIMED_OUT, 50, 60);
    build("main", Conclusion.NEUTRAL, 60, 60);
    BuildSummary s = summary();
    assertThat(s.builds()).isEqualTo(new BuildSummary.ConclusionCounts(6, 1, 1, 1, 1, 2));
    assertThat(s.successRate()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(s.durationMs().count()).as("durations of rate-relevant builds only").isEqualTo(3);
  }

  @Test
  @DisplayName("percentiles are nearest-rank on even and odd counts; the average is the mean")
  void percentiles() {
    for (long seconds : new long[] {40, 10, 30, 20}) {
      build("main", Conclusion.SUCCESS, seconds, seconds);
    }
    BuildSummary even = summary();
    assertThat(even.durationMs().p50()).isEqualTo(20_000L);
    assertThat(even.durationMs().p95()).isEqualTo(40_000L);
    assertThat(even.durationMs().avg()).isEqualTo(25_000.0);
    build("main", Conclusion.FAILURE, 50, 50);
    BuildSummary odd = summary();
    assertThat(odd.durationMs().p50()).isEqualTo(30_000L);
    assertThat(odd.durationMs().p95()).isEqualTo(50_000L);
    assertThat(odd.durationMs().avg()).isEqualTo(30_000.0);
    assertThat(NearestRank.rank(95, 20)).isEqualTo(19);
    assertThat(NearestRank.rank(50, 1)).isEqualTo(1);
    assertThat(NearestRank.rank(95, 100)).isEqualTo(95);
  }

  @Test
  @DisplayName("a re-run that passes makes the build successful and flaky")
  void rerunPasses() {
    long run = nextRun++;
    Instant t = DAY.plusSeconds(600);
    ingestion.ingest(run(run, "main", 1).status(BuildStatus.COMPLETED).conclusion(Conclusion.FAILURE)
        .startedAt(t).updatedAt(t.plusSeconds(100)).build());
    ingestion.ingest(run(run, "main", 2).status(BuildStatus.COMPLETED).conclusion(Conclusion.SUCCESS)
        .startedAt(t.plusSeconds(500)).updatedAt(t.plusSeconds(800)).build());
    build("main", Conclusion.SUCCESS, 60, 10);
    BuildSummary s = summary();
    assertThat(s.builds().success()).isEqualTo(2);
    assertThat(s.builds().failure()).isZero();
    assertThat(s.successRate()).isEqualTo(1.0);
    assertThat(s.flakyBuilds()).isEqualTo(1);
    assertThat(s.firstAttemptSuccessRate()).isEqualTo(0.5);
    assertThat(s.rerunRate()).isEqualTo(0.5);
    assertThat(s.durationMs().p95()).as("duration of the latest attempt").isEqualTo(300_000L);
  }

  @Test
  @DisplayName("a re-run that passes after a cancelled attempt is not flaky")
  void cancelledThenSuccessNotFlaky() {
    long run = nextRun++;
    ingestion.ingest(run(run, "main", 1).status(BuildStatus.COMPLETED).conclusion(Conclusion.CANCELLED)
        .startedAt(DAY).updatedAt(DAY.plusSeconds(10)).build());
    ingestion.ingest(run(run, "main", 2).status(BuildStatus.COMPLETED).conclusion(Conclusion.SUCCESS)
        .startedAt(DAY.plusSeconds(60)).updatedAt(DAY.plusSeconds(90)).build());
    assertThat(summary().flakyBuilds()).isZero();
    assertThat(summary().rerunRate()).isEqualTo(1.0);
  }

  @Test
  @DisplayName("MTTR averages failure episodes per branch, from the first failure to the next success")
  void mttrAcrossBranches() {
    build("main", Conclusion.SUCCESS, 0, 10);
    build("main", Conclusion.FAILURE, 10, 10);
    build("main", Conclusion.CANCELLED, 15, 10);
    build("main", Conclusion.FAILURE, 20, 10);
    build("main", Conclusion.SUCCESS, 50, 10);
    build("dev", Conclusion.TIMED_OUT, 5, 10);
    build("dev", Conclusion.SUCCESS, 25, 10);
    build("feature", Conclusion.FAILURE, 30, 10);
    BuildSummary s = summary();
    assertThat(s.mttrMs()).isEqualTo(Duration.ofMinutes(30).toMillis() * 1.0);
    MetricsQuery late = MetricsQuery.window(DAY.plus(Duration.ofMinutes(30)), DAY.plus(Duration.ofDays(1)));
    assertThat(store.summarize(late).mttrMs()).as("an episode may start before the window")
        .isEqualTo(Duration.ofMinutes(40).toMillis() * 1.0);
    assertThat(store.summarize(late.withBranch("feature")).mttrMs()).isNull();
  }

  @Test
  @DisplayName("queue time covers every started job of every attempt")
  void queueTimes() {
    long run = nextRun++;
    ingestion.ingest(run(run, "main", 1).status(BuildStatus.COMPLETED).conclusion(Conclusion.FAILURE)
        .startedAt(DAY).updatedAt(DAY.plusSeconds(100)).build());
    ingestion.ingest(run(run, "main", 2).status(BuildStatus.COMPLETED).conclusion(Conclusion.SUCCESS)
        .startedAt(DAY.plusSeconds(200)).updatedAt(DAY.plusSeconds(300)).build());
    ingestion.ingest(job(run, 1, 1, DAY, DAY.plusSeconds(10)));
    ingestion.ingest(job(run, 2, 2, DAY.plusSeconds(200), DAY.plusSeconds(230)));
    ingestion.ingest(job(run, 3, 2, DAY.plusSeconds(200), null));
    BuildSummary s = summary();
    assertThat(s.queueMs()).isEqualTo(new BuildSummary.QueueStats(2, 10_000L, 30_000L));
  }

  JobUpdate job(long run, long id, int attempt, Instant created, Instant started) {
    return new JobUpdate(BuildId.github("o/r", run), new Job(id, attempt, "build", started == null
        ? BuildStatus.COMPLETED : BuildStatus.COMPLETED, started == null ? Conclusion.SKIPPED : Conclusion.SUCCESS,
        created, started, started == null ? created : started.plusSeconds(5), null, null, List.of(), List.of(), null),
        "CI", "main", null);
  }

  @Test
  @DisplayName("an empty window has zero totals and null rates, never NaN")
  void emptyWindow() {
    build("main", Conclusion.SUCCESS, -60, 10);
    BuildSummary s = summary();
    assertThat(s.builds().total()).isZero();
    assertThat(s.successRate()).isNull();
    assertThat(s.durationMs()).isEqualTo(new BuildSummary.DurationStats(0, null, null, null));
    assertThat(s.queueMs()).isEqualTo(new BuildSummary.QueueStats(0, null, null));
    assertThat(s.mttrMs()).isNull();
    assertThat(s.firstAttemptSuccessRate()).isNull();
    assertThat(s.rerunRate()).isNull();
    assertThat(s.byRepository()).isEmpty();
    assertThat(s.daily()).hasSize(7).allSatisfy(p -> {
      assertThat(p.total()).isZero();
      assertThat(p.successRate()).isNull();
    });
    assertThat(s.dora().hasData()).isFalse();
    assertThat(s.dora().changeFailureRate()).isNull();
  }

  @Test
  @DisplayName("builds not yet completed are in no summary, and the window is [from, to)")
  void windowBounds() {
    ingestion.ingest(run(nextRun++, "main", 1).status(BuildStatus.IN_PROGRESS).startedAt(DAY).updatedAt(DAY).build());
    build("main", Conclusion.SUCCESS, 0, 10);
    build("main", Conclusion.SUCCESS, Duration.ofDays(7).toMinutes(), 10);
    assertThat(summary().builds().total()).isEqualTo(1);
  }

  @Test
  @DisplayName("the daily series uses UTC dates, or the zone asked for")
  void dailySeries() {
    build("main", Conclusion.SUCCESS, 60, 10);
    build("main", Conclusion.FAILURE, 60 * 23 + 30, 20);
    BuildSummary utc = summary();
    assertThat(utc.daily().get(0).date()).isEqualTo(LocalDate.parse("2026-05-10"));
    assertThat(utc.daily().get(0).total()).isEqualTo(2);
    assertThat(utc.daily().get(0).successRate()).isEqualTo(0.5);
    assertThat(utc.daily().get(0).p95DurationMs()).isEqualTo(20_000L);
    BuildSummary tokyo = store.summarize(WEEK.withZone(ZoneId.of("Asia/Tokyo")));
    assertThat(tokyo.daily()).hasSize(8);
    assertThat(tokyo.daily().get(0).total()).isEqualTo(1);
    assertThat(tokyo.daily().get(1).total()).isEqualTo(1);
  }

  @Test
  @DisplayName("which conclusions are failures is configurable")
  void configurablePolicy() {
    build("main", Conclusion.SUCCESS, 10, 10);
    build("main", Conclusion.CANCELLED, 20, 10);
    build("main", Conclusion.TIMED_OUT, 30, 10);
    OutcomePolicy strict = new OutcomePolicy(EnumSet.of(Conclusion.SUCCESS), EnumSet.of(Conclusion.CANCELLED));
    BuildSummary s = store.summarize(WEEK.withPolicy(strict));
    assertThat(s.successRate()).isEqualTo(0.5);
    assertThat(s.builds().other()).isEqualTo(1);
    assertThat(summary().successRate()).isEqualTo(0.5);
  }

  @Test
  @DisplayName("breakdowns group by repository and by workflow")
  void breakdowns() {
    build("main", Conclusion.SUCCESS, 10, 10);
    ingestion.ingest(RunUpdate.builder(BuildId.github("a/b", 900)).workflowName("Deploy").branch("main")
        .status(BuildStatus.COMPLETED).conclusion(Conclusion.FAILURE).createdAt(DAY).startedAt(DAY)
        .updatedAt(DAY.plusSeconds(70)).build());
    BuildSummary s = summary();
    assertThat(s.byRepository()).extracting(BuildSummary.GroupStats::repository).containsExactly("a/b", "o/r");
    assertThat(s.byWorkflow()).extracting(g -> g.repository() + "/" + g.workflow()).containsExactly("a/b/Deploy", "o/r/CI");
    assertThat(s.byRepository().get(0).successRate()).isEqualTo(0.0);
    assertThat(s.byRepository().get(0).p50DurationMs()).isEqualTo(70_000L);
  }
}

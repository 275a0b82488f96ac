package dev.cicd.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.ingest.DeliveryKey;
import dev.cicd.core.metrics.BuildSummary;
import dev.cicd.core.metrics.MetricsQuery;
import dev.cicd.core.metrics.OutcomePolicy;
import dev.cicd.core.store.BatchPlan;
import dev.cicd.core.store.BuildWrite;
import dev.cicd.core.store.InMemoryBuildStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The store's summaries equal the core reference computation, on H2 and PostgreSQL. */
abstract class MetricsBehaviour {
  JpaBuildStore store;
  final InMemoryBuildStore reference = new InMemoryBuildStore();

  protected abstract JpaBuildStore newStore();

  /** Another store instance on the same database (as a second application instance would be). */
  protected abstract JpaBuildStore sameDatabase();

  @BeforeEach
  void load() {
    store = newStore();
    TestHistory history = new TestHistory(42, 600);
    Map<BuildId, Build> unique = new LinkedHashMap<>();
    history.builds.forEach(b -> unique.put(b.id(), b));
    for (Build b : unique.values()) {
      store.save(b, 0);
      reference.save(b, 0);
    }
    history.deployments.forEach(d -> {
      store.saveDeploymentStatus(d);
      reference.saveDeploymentStatus(d);
    });
  }

  @Test
  @DisplayName("summaries equal the reference for windows, filters, outcome policies and zones")
  void summariesEqualReference() {
    Instant start = TestHistory.START;
    List<MetricsQuery> windows = List.of(
        MetricsQuery.window(start.minus(Duration.ofDays(1)), start.plus(Duration.ofDays(45))),
        MetricsQuery.window(start.plus(Duration.ofDays(7)).plusNanos(123), start.plus(Duration.ofDays(14))),
        MetricsQuery.window(start.plus(Duration.ofDays(20)), start.plus(Duration.ofDays(21))),
        MetricsQuery.window(start.minus(Duration.ofDays(30)), start.minus(Duration.ofDays(20))));
    List<OutcomePolicy> policies = List.of(OutcomePolicy.DEFAULT,
        new OutcomePolicy(EnumSet.of(Conclusion.SUCCESS, Conclusion.NEUTRAL),
            EnumSet.of(Conclusion.CANCELLED, Conclusion.TIMED_OUT)),
        new OutcomePolicy(EnumSet.of(Conclusion.SUCCESS), EnumSet.of(Conclusion.FAILURE)));
    List<ZoneId> zones = List.of(ZoneOffset.UTC, ZoneId.of("America/New_York"), ZoneId.of("Asia/Kolkata"));
    List<MetricsQuery> queries = new ArrayList<>();
    for (MetricsQuery window : windows) {
      for (OutcomePolicy policy : policies) {
        for (ZoneId zone : zones) {
          queries.add(window.withPolicy(policy).withZone(zone));
        }
      }
      queries.add(window.withRepository("octo/api"));
      queries.add(window.withWorkflow("Release").withBranch("main"));
      queries.add(window.withBranch(""));
      queries.add(window.withRepository("acme/\uD83D\uDE00").withWorkflow("CI"));
      queries.add(window.withRepository("nobody/none"));
    }
    for (MetricsQuery query : queries) {
      BuildSummary expected = reference.summarize(query);
      assertThat(store.summarize(query)).as(query.toString()).isEqualTo(expected);
    }
  }

  @Test
  @DisplayName("MTTR is exact whether a sequence is busy, new in the window, or failing since long before it")
  void mttrAcrossResolutionPaths() {
    Instant day0 = Instant.parse("2023-01-01T00:00:00Z");
    long run = 1;
    for (int k = 0; k < 80; k++) {
      String repo = "m/r" + (k % 4);
      String workflow = "W" + (k % 5);
      String branch = "b" + k;
      List<long[]> events = new ArrayList<>();
      switch (k % 4) {
        case 0 -> {
          for (int d = 0; d < 60; d++) {
            events.add(new long[] {d * 24L + k % 7, d % 9 == 4 || d % 9 == 5 ? 0 : 1});
          }
        }
        case 1 -> {
          events.add(new long[] {5 * 24L, 1});
          events.add(new long[] {10 * 24L + k, 0});
          events.add(new long[] {52 * 24L, 0});
          events.add(new long[] {53 * 24L, 1});
        }
        case 2 -> {
          events.add(new long[] {51 * 24L + k % 5, 0});
          events.add(new long[] {51 * 24L + k % 5, 0});
          events.add(new long[] {54 * 24L, 1});
        }
        default -> {
          events.add(new long[] {40 * 24L, 1});
          events.add(new long[] {47 * 24L, 0});
          events.add(new long[] {48 * 24L, 0});
          events.add(new long[] {49 * 24L + 23, 0});
          events.add(new long[] {50 * 24L, 1});
          events.add(new long[] {55 * 24L, 0});
          events.add(new long[] {55 * 24L, 1});
        }
      }
      for (long[] e : events) {
        Instant done = day0.plus(Duration.ofHours(e[0]));
        Conclusion c = e[1] == 1 ? Conclusion.SUCCESS : (run % 3 == 0 ? Conclusion.TIMED_OUT : Conclusion.FAILURE);
        Build b = new Build(BuildId.github(repo, run++), 0, new dev.cicd.core.build.Workflow(null, workflow, null),
            run, branch, null, null, null, null, null, done.minusSeconds(600), null, List.of(),
            List.of(new dev.cicd.core.build.Attempt(1, dev.cicd.core.build.BuildStatus.COMPLETED, c,
                done.minusSeconds(300), done, done, null, false)), List.of());
        store.save(b, 0);
        reference.save(b, 0);
      }
    }
    MetricsQuery window = MetricsQuery.window(day0.plus(Duration.ofDays(50)), day0.plus(Duration.ofDays(57)))
        .withRepository(null);
    for (MetricsQuery query : List.of(window, window.withRepository("m/r1"),
        window.withPolicy(new OutcomePolicy(EnumSet.of(Conclusion.SUCCESS), EnumSet.of(Conclusion.FAILURE))),
        MetricsQuery.window(day0.plus(Duration.ofDays(54)), day0.plus(Duration.ofDays(55))))) {
      BuildSummary expected = reference.summarize(query);
      assertThat(expected.mttrMs()).isNotNull();
      assertThat(store.summarize(query)).as(query.toString()).isEqualTo(expected);
    }
  }

  @Test
  @DisplayName("cached days follow later saves and deletions, also those of another instance")
  void summaryFollowsUpdates() {
    MetricsQuery query = MetricsQuery.window(TestHistory.START, TestHistory.START.plus(Duration.ofDays(40)));
    JpaBuildStore other = sameDatabase();
    assertThat(store.summarize(query)).isEqualTo(reference.summarize(query));
    assertThat(other.summarize(query)).isEqualTo(reference.summarize(query));
    List<Build> some = reference.list(dev.cicd.core.store.BuildQuery.builder().limit(60).build()).items();
    for (Build listed : some) {
      Build current = reference.find(listed.id()).orElseThrow();
      Build changed = firstAttemptOnly(current);
      reference.save(changed, current.version());
      store.save(changed, current.version());
    }
    assertThat(store.summarize(query)).isEqualTo(reference.summarize(query));
    assertThat(other.summarize(query)).isEqualTo(reference.summarize(query));
    Instant cutoff = TestHistory.START.plus(Duration.ofDays(12));
    assertThat(other.deleteCompletedBefore(cutoff, 10_000)).isEqualTo(reference.deleteCompletedBefore(cutoff, 10_000))
        .isPositive();
    assertThat(store.summarize(query)).isEqualTo(reference.summarize(query));
  }

  @Test
  @DisplayName("cached days follow batch writes of another instance, in both directions of a day change")
  void summaryFollowsBatchWrites() {
    MetricsQuery query = MetricsQuery.window(TestHistory.START, TestHistory.START.plus(Duration.ofDays(40)));
    JpaBuildStore other = sameDatabase();
    assertThat(store.summarize(query)).isEqualTo(reference.summarize(query));
    List<Build> some = reference.list(dev.cicd.core.store.BuildQuery.builder().limit(40).build()).items();
    List<BuildWrite> writes = new ArrayList<>();
    for (Build listed : some) {
      Build current = reference.find(listed.id()).orElseThrow();
      Build changed = firstAttemptOnly(current);
      reference.save(changed, current.version());
      writes.add(new BuildWrite(changed, current.version()));
    }
    List<BuildId> ids = writes.stream().map(w -> w.build().id()).toList();
    DeliveryKey key = DeliveryKey.of("batch-of-40");
    other.writeBatch(List.of(key), ids, read -> new BatchPlan(writes, List.of(key)),
        Instant.now());
    assertThat(store.summarize(query)).isEqualTo(reference.summarize(query));
    assertThat(other.summarize(query)).isEqualTo(reference.summarize(query));
  }

  /** The build with its first attempt only and no jobs: a re-run build's completion moves to another day. */
  static Build firstAttemptOnly(Build current) {
    return new Build(current.id(), current.version(), current.workflow(), current.runNumber(),
        current.branch(), current.commitSha(), current.event(), current.actor(), current.title(), current.url(),
        current.createdAt(), current.headCommitAt(), current.pullRequests(), current.attempts().subList(0, 1),
        List.of());
  }
}

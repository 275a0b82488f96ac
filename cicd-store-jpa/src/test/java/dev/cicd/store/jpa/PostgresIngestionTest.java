package dev.cicd.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.build.Job;
import dev.cicd.core.build.Workflow;
import dev.cicd.core.ingest.DeliveryKey;
import dev.cicd.core.ingest.IngestionService;
import dev.cicd.core.ingest.JobUpdate;
import dev.cicd.core.ingest.ProviderEvent;
import dev.cicd.core.ingest.RunUpdate;
import dev.cicd.core.store.BuildQuery;
import dev.cicd.core.store.InMemoryBuildStore;
import dev.cicd.core.testing.HistoryGenerator;
import dev.cicd.core.testing.MutableClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Ingestion on real PostgreSQL: two store instances on one database, threads racing, hostile text. */
class PostgresIngestionTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  private static final MutableClock CLOCK = MutableClock.at("2026-06-01T00:00:00Z");

  @Test
  @DisplayName("two instances with four threads each converge to the sequential state, losing no update")
  void twoInstancesConverge() throws Exception {
    List<ProviderEvent> events = new HistoryGenerator(31, Duration.ofDays(5), true).builds(40);
    InMemoryBuildStore reference = new InMemoryBuildStore();
    IngestionService sequential = IngestionService.create(reference, CLOCK);
    events.forEach(sequential::ingest);

    List<IngestionService> instances = List.of(IngestionService.create(PG.newStore(), CLOCK),
        IngestionService.create(PG.newStore(), CLOCK));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        IngestionService ingestion = instances.get(t % 2);
        List<ProviderEvent> mine = HistoryGenerator.shuffledWithDuplicates(events, 500 + t, 0.2);
        futures.add(pool.submit(() -> mine.forEach(ingestion::ingest)));
      }
      for (Future<?> f : futures) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    for (BuildId id : ids(events)) {
      Build expected = reference.find(id).orElseThrow();
      for (IngestionService instance : instances) {
        assertThat(instance.store().find(id).orElseThrow().sameStateAs(expected)).as("%s", id).isTrue();
      }
    }
    assertThat(instances.get(0).store().count()).isEqualTo(reference.count());
  }

  @Test
  @DisplayName("jobs of one build reported at once from two instances are all kept (no lost update)")
  void hotBuildKeepsEveryJob() throws Exception {
    BuildId id = BuildId.github("octo/api", 77);
    List<IngestionService> instances = List.of(IngestionService.create(PG.newStore(), CLOCK),
        IngestionService.create(PG.newStore(), CLOCK));
    instances.get(0).ingest(run(id, "CI", "main", "title"));
    Instant t = Instant.parse("2026-05-31T10:00:00Z");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int j = 0; j < 64; j++) {
        Job job = new Job(1000 + j, 1, "job " + j, BuildStatus.COMPLETED, Conclusion.SUCCESS, t, t.plusSeconds(j),
            t.plusSeconds(60 + j), null, null, List.of(), List.of(), null);
        IngestionService ingestion = instances.get(j % 2);
        futures.add(pool.submit(() -> ingestion.ingest(new JobUpdate(id, job, "CI", "main", null))));
      }
      for (Future<?> f : futures) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    Build stored = instances.get(1).store().find(id).orElseThrow();
    assertThat(stored.jobs()).hasSize(64);
    assertThat(stored.version()).isEqualTo(65);
  }

  @Test
  @DisplayName("NUL characters and very long names arrive through ingestion without a database error")
  void hostileTextEndToEnd() {
    JpaBuildStore store = PG.newStore();
    IngestionService ingestion = IngestionService.create(store, CLOCK);
    BuildId id = BuildId.github("octo/api", 78);
    String branch = "feature/\u0000" + "\u00e9".repeat(2_000);
    String workflow = "W\u0000" + "\uD83D\uDE00".repeat(5_000);
    ingestion.ingest(run(id, workflow, branch, "title \u0000 with NUL"), DeliveryKey.of("nul-1"));
    Build stored = store.find(id).orElseThrow();
    assertThat(stored.branch()).doesNotContain("\u0000").hasSize(1_000);
    assertThat(stored.workflow().name()).doesNotContain("\u0000").hasSizeLessThanOrEqualTo(4_000);
    assertThat(stored.title()).isEqualTo("title  with NUL");
    assertThat(store.list(BuildQuery.builder().branch(stored.branch()).build()).items()).hasSize(1);
    assertThat(store.hasDelivery(DeliveryKey.of("nul-1"))).isTrue();
  }

  @Test
  @DisplayName("the store's PostgreSQL sessions keep synchronous_commit on")
  void synchronousCommitOn() throws Exception {
    JpaBuildStore store = PG.newStore();
    try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW synchronous_commit")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("on");
    }
  }

  private static RunUpdate run(BuildId id, String workflow, String branch, String title) {
    Instant t = Instant.parse("2026-05-31T10:00:00Z");
    return new RunUpdate(id, 1, new Workflow(1L, workflow, null), 1, branch, "abc", "push", "alice", "alice", title,
        BuildStatus.IN_PROGRESS, null, t, t, t, null, null, null, List.of());
  }

  private static Set<BuildId> ids(List<ProviderEvent> events) {
    Set<BuildId> ids = new LinkedHashSet<>();
    for (ProviderEvent e : events) {
      if (e instanceof RunUpdate r) {
        ids.add(r.id());
      } else if (e instanceof JobUpdate j) {
        ids.add(j.buildId());
      }
    }
    return ids;
  }
}

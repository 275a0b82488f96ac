package dev.cicd.store.jpa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.build.Job;
import dev.cicd.core.build.Step;
import dev.cicd.core.ingest.DeliveryKey;
import dev.cicd.core.ingest.IngestionService;
import dev.cicd.core.ingest.JobUpdate;
import dev.cicd.store.jpa.JpaBuildStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows inserted by group commit (plain JDBC, ids from {@link IdBlocks}) and by single saves (Hibernate's pooled
 * generator) share the tables' sequences: interleaved across many blocks of 50, no id is handed out twice and
 * every aggregate reads back whole.
 */
class IdBlocksTest {
  static final Instant T = Instant.parse("2026-05-01T10:00:00Z");

  @TempDir
  Path dir;

  static JobUpdate job(long runId, long jobId) {
    List<Step> steps = List.of(
        new Step(1, "Set up job", BuildStatus.COMPLETED, Conclusion.SUCCESS, T.plusSeconds(1), T.plusSeconds(2)),
        new Step(2, "Build", BuildStatus.COMPLETED, Conclusion.SUCCESS, T.plusSeconds(2), T.plusSeconds(9)),
        new Step(3, "Test", BuildStatus.COMPLETED, Conclusion.FAILURE, T.plusSeconds(9), T.plusSeconds(20)));
    Job job = new Job(jobId, 1, "job-" + jobId, BuildStatus.COMPLETED, Conclusion.SUCCESS, T, T.plusSeconds(1),
        T.plusSeconds(20), "runner", "group", List.of("linux"), steps, null);
    return new JobUpdate(BuildId.github("o/r", runId), job, "CI", "main", null);
  }

  @Test
  @DisplayName("batch inserts and single saves, interleaved over many id blocks, store every aggregate whole")
  void batchAndSingleWritesShareTheSequences() {
    try (JpaBuildStore store = JpaBuildStore.h2(dir)) {
      IngestionService ingestion = IngestionService.create(store);
      for (long run = 1; run <= 60; run++) {
        // Odd runs through group commit (a delivery), even runs through a single save (no delivery id).
        for (long jobId = run * 10; jobId < run * 10 + 2; jobId++) {
          if (run % 2 == 1) {
            ingestion.ingestDelivery(DeliveryKey.of("d-" + jobId), List.of(job(run, jobId)));
          } else {
            ingestion.ingest(job(run, jobId));
          }
        }
      }
      for (long run = 1; run <= 60; run++) {
        Build build = store.find(BuildId.github("o/r", run)).orElseThrow();
        assertThat(build.jobs()).as("run %d", run).hasSize(2)
            .allSatisfy(j -> assertThat(j.steps()).extracting(Step::name).containsExactly("Set up job", "Build", "Test"));
      }
    }
  }

  @Test
  @DisplayName("ids taken from a block are never handed out by Hibernate's generator, whichever takes a value first")
  void blocksAndHibernateAreDisjoint() throws Exception {
    try (JpaBuildStore store = JpaBuildStore.h2(dir)) {
      org.h2.jdbcx.JdbcDataSource data = new org.h2.jdbcx.JdbcDataSource();
      data.setURL(dev.cicd.store.jpa.JpaStoreConfig.h2Url(dir));
      data.setUser("sa");
      IdBlocks blocks = new IdBlocks(new StoreDatabase(data, StoreDatabase.Kind.H2, "cicd_"));
      java.util.Set<Long> taken = new java.util.HashSet<>();
      try (java.sql.Connection c = data.getConnection()) {
        for (int i = 0; i < 5; i++) {
          taken.add(blocks.next(c, "job_seq")); // the sequence's first value (1), then the block of 51
        }
      }
      IngestionService ingestion = IngestionService.create(store);
      for (long jobId = 10; jobId < 13; jobId++) {
        ingestion.ingest(job(1, jobId)); // single saves: Hibernate's generator
      }
      java.util.Set<Long> hibernate = new java.util.HashSet<>();
      try (java.sql.Connection c = data.getConnection();
          java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT id FROM cicd_job")) {
        while (rs.next()) {
          hibernate.add(rs.getLong(1));
        }
      }
      assertThat(taken).hasSize(5).allSatisfy(id -> assertThat(id).isPositive());
      assertThat(hibernate).hasSize(3).doesNotContainAnyElementsOf(taken);
    }
  }
}

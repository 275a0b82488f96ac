package dev.cicd.store.jpa.internal;

import static dev.cicd.core.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.ingest.IngestionService;
import dev.cicd.core.store.Fixtures;
import dev.cicd.store.jpa.JpaBuildStore;
import dev.cicd.store.jpa.JpaStoreConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit reads aggregates with plain JDBC ({@link AggregateLoads}); builds saved by Hibernate must come
 * back as the same builds, with every column of every row set on the entities as stored (the values the
 * batch later compares to decide which rows changed).
 */
class AggregateLoadsTest {
  @TempDir
  Path dir;

  @Test
  @DisplayName("aggregates read with JDBC are the builds the store reads, every column of every row as stored")
  void jdbcReadsWhatHibernateWrote() throws Exception {
    BuildId rerun = BuildId.github("o/r", 1);
    BuildId jobOnly = BuildId.github("o/r", 2);
    BuildId running = BuildId.github("o/other", 3);
    try (JpaBuildStore store = JpaBuildStore.h2(dir)) {
      IngestionService ingestion = IngestionService.create(store);
      ingestion.ingest(Fixtures.completed("o/r", 1, 1, Conclusion.FAILURE, T0, 60));
      ingestion.ingest(Fixtures.job("o/r", 1, 10, 1, BuildStatus.COMPLETED, Conclusion.FAILURE, T0,
          T0.plusSeconds(5), T0.plusSeconds(50)));
      ingestion.ingest(Fixtures.job("o/r", 1, 11, 1, BuildStatus.COMPLETED, Conclusion.SKIPPED, T0, null, null));
      ingestion.ingest(Fixtures.completed("o/r", 1, 2, Conclusion.SUCCESS, T0.plusSeconds(600), 30));
      ingestion.ingest(Fixtures.job("o/r", 1, 12, 2, BuildStatus.COMPLETED, Conclusion.SUCCESS,
          T0.plusSeconds(600), T0.plusSeconds(601), T0.plusSeconds(620)));
      ingestion.ingest(Fixtures.job("o/r", 2, 20, 1, BuildStatus.IN_PROGRESS, null, T0, T0.plusSeconds(3), null));
      ingestion.ingest(Fixtures.run("o/other", 3).attempt(1).status(BuildStatus.QUEUED).build());

      JdbcDataSource data = new JdbcDataSource();
      data.setURL(JpaStoreConfig.h2Url(dir));
      data.setUser("sa");
      StoreDatabase db = new StoreDatabase(data, StoreDatabase.Kind.H2, "cicd_");
      AggregateTables tables = new AggregateTables(db);
      try (Connection c = data.getConnection()) {
        Map<BuildId, BuildEntity> loaded = new AggregateLoads(db, tables).load(c,
            List.of(rerun, jobOnly, running, BuildId.github("o/r", 99)));

        assertThat(loaded).containsOnlyKeys(rerun, jobOnly, running);
        assertThat(loaded.get(rerun).attempts).extracting(a -> a.number).containsExactly(1, 2);
        assertThat(loaded.get(rerun).jobs).hasSize(3);
        for (BuildId id : List.of(rerun, jobOnly, running)) {
          BuildEntity build = loaded.get(id);
          assertThat(BuildMapping.toBuild(build, true)).as("%s", id).isEqualTo(store.find(id).orElseThrow());
          assertStored(c, tables.builds, build);
          build.attempts.forEach(a -> assertStored(c, tables.attempts, a));
          for (JobEntity job : build.jobs) {
            assertThat(job.build).isSameAs(build);
            assertStored(c, tables.jobs, job);
          }
        }
        assertThat(StepCodec.decode(loaded.get(rerun).jobs.stream().filter(j -> j.jobId == 10).findFirst()
            .orElseThrow().steps)).hasSize(2);
      }
    }
  }

  @Test
  @DisplayName("a batch of 70 builds, some asked twice or not stored, reads in two prepared statements; attempts by"
      + " number")
  void manyBuildsInFewStatements() throws Exception {
    List<BuildId> asked = new ArrayList<>();
    try (JpaBuildStore store = JpaBuildStore.h2(dir)) {
      IngestionService ingestion = IngestionService.create(store);
      for (int run = 1; run <= 70; run++) {
        // The re-run arrives first: its attempt row is older than the first attempt's.
        ingestion.ingest(Fixtures.completed("o/r", run, 2, Conclusion.SUCCESS, T0.plusSeconds(600), 30));
        ingestion.ingest(Fixtures.completed("o/r", run, 1, Conclusion.FAILURE, T0, 60));
        for (int job = 3; job >= 1; job--) {
          ingestion.ingest(Fixtures.job("o/r", run, run * 10L + job, 1 + job % 2, BuildStatus.COMPLETED,
              Conclusion.SUCCESS, T0, T0.plusSeconds(job), T0.plusSeconds(10 + job)));
        }
        asked.add(BuildId.github("o/r", run));
      }
      asked.add(BuildId.github("o/r", 5));
      asked.add(BuildId.github("o/missing", 1));
      Collections.shuffle(asked, new Random(7));

      JdbcDataSource data = new JdbcDataSource();
      data.setURL(JpaStoreConfig.h2Url(dir));
      data.setUser("sa");
      StoreDatabase db = new StoreDatabase(data, StoreDatabase.Kind.H2, "cicd_");
      AggregateTables tables = new AggregateTables(db);
      AtomicInteger statements = new AtomicInteger();
      try (Connection c = data.getConnection()) {
        Map<BuildId, BuildEntity> loaded = new AggregateLoads(db, tables)
            .load(PointLookupsCheck.counting(c, statements), asked);

        assertThat(statements).as("on H2 one single-key statement for the builds, one for their jobs").hasValue(2);
        assertThat(loaded).hasSize(70).doesNotContainKey(BuildId.github("o/missing", 1));
        for (Map.Entry<BuildId, BuildEntity> entry : loaded.entrySet()) {
          BuildEntity build = entry.getValue();
          assertThat(build.attempts).extracting(a -> a.number).containsExactly(1, 2);
          assertThat(build.jobs).extracting(j -> j.id).isSorted().hasSize(3);
          assertThat(BuildMapping.toBuild(build, true)).isEqualTo(store.find(entry.getKey()).orElseThrow());
        }
      }
    }
  }

  /** The entity's values in database form are the row's values, column by column. */
  private static <E> void assertStored(Connection c, RowTable<E> table, E entity) {
    Object[] values = table.values(entity);
    long id = table.idOf(entity);
    try (PreparedStatement ps = c.prepareStatement("SELECT " + table.selectList("t") + " FROM " + table.table()
        + " t WHERE t.id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).as("row %d of %s", id, table.table()).isTrue();
        Object[] row = new Object[values.length];
        for (int i = 0; i < row.length; i++) {
          row[i] = rs.getObject(i + 2);
        }
        assertThat(Arrays.deepEquals(values, row)).as("%s row %d: %s vs stored %s", table.table(), id,
            Arrays.deepToString(values), Arrays.deepToString(row)).isTrue();
      }
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }
}

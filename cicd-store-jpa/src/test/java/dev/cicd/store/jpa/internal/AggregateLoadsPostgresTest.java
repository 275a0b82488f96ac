package dev.cicd.store.jpa.internal;

import static dev.cicd.core.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.ingest.IngestionService;
import dev.cicd.core.store.Fixtures;
import dev.cicd.store.jpa.JpaBuildStore;
import dev.cicd.store.jpa.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The merge's lookups on PostgreSQL tables without statistics (never analyzed: autovacuum off, or not run yet).
 * The planner then takes 0.5 % of the attempt table for each build, and past a few thousand builds plans the
 * 64-key lookup as a Gather over a Parallel Append, starting two background workers for each merge statement.
 */
class AggregateLoadsPostgresTest {
  private static final int BUILDS = 20_000;

  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  @Test
  @DisplayName("PostgreSQL without statistics: the merge's 64-build lookup runs without parallel workers")
  void lookupsPlanWithoutParallelWorkers() throws Exception {
    JpaBuildStore store = PG.newStore();
    DataSource data = store.dataSource();
    try (Connection c = data.getConnection(); Statement s = c.createStatement()) {
      for (String table : List.of("build", "attempt", "job")) {
        s.execute("ALTER TABLE cicd_" + table + " SET (autovacuum_enabled = false)"); // no analyze meanwhile
      }
    }
    IngestionService.create(store).ingest(Fixtures.completed("o/r", 1, 1, Conclusion.SUCCESS, T0, 60));
    copyBuild(data, BuildId.github("o/r", 1));
    List<BuildId> ids = new ArrayList<>();
    for (int run = 1; run <= 64; run++) {
      ids.add(BuildId.github("o/r", run * 50L));
    }
    StoreDatabase db = new StoreDatabase(data, StoreDatabase.Kind.POSTGRESQL, "cicd_");
    AggregateLoads loads = new AggregateLoads(db, new AggregateTables(db));
    try (Connection c = data.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        // PostgreSQL's defaults, whatever this server's configuration says.
        s.execute("SET LOCAL max_parallel_workers_per_gather = 2");
        s.execute("SET LOCAL parallel_setup_cost = 1000");
        s.execute("SET LOCAL parallel_tuple_cost = 0.1");
      }
      assertThat(plan(c, loads, ids)).as("the plan a lookup gets without the store's setting").contains("Gather");

      Map<BuildId, BuildEntity> loaded = loads.load(c, ids);

      assertThat(loaded).hasSize(64);
      assertThat(plan(c, loads, ids)).as("the plan within the merge's transaction").doesNotContain("Gather")
          .doesNotContain("Parallel");
      c.commit();
      assertThat(setting(c)).as("the setting ends with the transaction").isNotEqualTo("0");
    }
  }

  /** {@code BUILDS} copies of the stored build {@code id} (run ids and row ids shifted), each with its attempt. */
  private static void copyBuild(DataSource data, BuildId id) throws SQLException {
    try (Connection c = data.getConnection(); Statement s = c.createStatement()) {
      long row;
      try (ResultSet rs = s.executeQuery("SELECT id FROM cicd_build WHERE run_id = " + id.runId())) {
        rs.next();
        row = rs.getLong(1);
      }
      s.execute(copy(c, "cicd_build", Map.of("id", "id + g * 1000", "run_id", "run_id + g"), "id = " + row));
      s.execute(copy(c, "cicd_attempt", Map.of("id", "id + g * 1000", "build_id", "build_id + g * 1000"),
          "build_id = " + row));
    }
  }

  private static String copy(Connection c, String table, Map<String, String> shifted, String where)
      throws SQLException {
    List<String> columns = new ArrayList<>();
    try (ResultSet rs = c.getMetaData().getColumns(null, PG.schema(), table, null)) {
      while (rs.next()) {
        columns.add(rs.getString("COLUMN_NAME"));
      }
    }
    return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT "
        + columns.stream().map(col -> shifted.getOrDefault(col, col)).collect(Collectors.joining(", "))
        + " FROM " + table + ", generate_series(1, " + BUILDS + ") g WHERE " + where;
  }

  private static String plan(Connection c, AggregateLoads loads, List<BuildId> ids) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + loads.buildLookups().text(ids.size()))) {
      loads.buildLookups().bind(ps, ids);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
    }
    return plan.toString();
  }

  private static String setting(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW max_parallel_workers_per_gather")) {
      rs.next();
      return rs.getString(1);
    }
  }
}

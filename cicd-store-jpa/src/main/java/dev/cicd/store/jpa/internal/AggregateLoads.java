package dev.cicd.store.jpa.internal;

import dev.cicd.core.build.BuildId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Reads build aggregates for group commit with plain JDBC into detached entities ({@link AggregateRows}
 * writes them back): each build by its unique key (one prepared statement, a point lookup per build), then
 * the attempts, jobs and steps of all of them with {@code IN} lists of row ids, padded to a power of two so a
 * few statement shapes serve every batch. Hibernate's loading (two HQL queries per build with their
 * persistence-context bookkeeping) cost about a seventh of the server's CPU under webhook load.
 */
final class AggregateLoads {
  /** Most parent ids in one {@code IN} list; larger sets are read in chunks. */
  static final int MAX_IN = 256;

  private final AggregateTables tables;
  private final String byKey;

  AggregateLoads(AggregateTables tables) {
    this.tables = tables;
    this.byKey = tables.builds.select("provider = ? AND repository = ? AND run_id = ?");
  }

  /** The stored builds among {@code ids}, each with its attempts (by number), jobs and steps (by position). */
  Map<BuildId, BuildEntity> load(Connection c, Collection<BuildId> ids) throws SQLException {
    Map<BuildId, BuildEntity> found = new HashMap<>();
    Map<Long, BuildEntity> builds = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(byKey)) {
      for (BuildId id : ids) {
        ps.setString(1, id.provider());
        ps.setString(2, id.repository());
        ps.setLong(3, id.runId());
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            BuildEntity build = tables.builds.read(rs, BuildEntity::create);
            found.put(id, build);
            builds.put(Objects.requireNonNull(build.id), build);
          }
        }
      }
    }
    if (builds.isEmpty()) {
      return found;
    }
    readChildren(c, tables.attempts, "build_id", "number", builds.keySet(), AttemptEntity::new, (a, parent) -> {
      a.build = Objects.requireNonNull(builds.get(parent));
      a.build.attempts.add(a);
    });
    Map<Long, JobEntity> jobs = new HashMap<>();
    readChildren(c, tables.jobs, "build_id", "id", builds.keySet(), JobEntity::new, (j, parent) -> {
      j.build = Objects.requireNonNull(builds.get(parent));
      j.build.jobs.add(j);
      jobs.put(Objects.requireNonNull(j.id), j);
    });
    if (!jobs.isEmpty()) {
      readChildren(c, tables.steps, "job_id", "position", jobs.keySet(), StepEntity::new, (s, parent) -> {
        s.job = Objects.requireNonNull(jobs.get(parent));
        s.job.steps.add(s);
      });
    }
    return found;
  }

  private static <E> void readChildren(Connection c, RowTable<E> table, String parentColumn, String order,
      Collection<Long> parents, Supplier<E> create, BiConsumer<E, Long> link) throws SQLException {
    List<Long> all = new ArrayList<>(parents);
    for (int from = 0; from < all.size(); from += MAX_IN) {
      List<Long> chunk = all.subList(from, Math.min(all.size(), from + MAX_IN));
      int slots = paddedSize(chunk.size());
      String sql = table.select(parentColumn + " IN (?" + ", ?".repeat(slots - 1) + ") ORDER BY " + parentColumn
          + ", " + order);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < slots; i++) {
          ps.setLong(i + 1, chunk.get(Math.min(i, chunk.size() - 1)));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long parent = RowTable.firstColumn(rs);
            link.accept(table.read(rs, create), parent);
          }
        }
      }
    }
  }

  /** The smallest power of two not below {@code n} (n &gt; 0): repeated values fill the extra slots. */
  static int paddedSize(int n) {
    int high = Integer.highestOneBit(n);
    return high == n ? n : high << 1;
  }
}

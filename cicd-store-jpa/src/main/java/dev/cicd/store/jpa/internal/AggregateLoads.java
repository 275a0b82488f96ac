package dev.cicd.store.jpa.internal;

import dev.cicd.core.build.BuildId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads build aggregates for group commit with plain JDBC into detached entities ({@link AggregateRows}
 * writes them back), in two statements for a whole batch ({@link PointLookups}): the builds with their
 * attempts by the unique key, then the jobs of the builds found (steps included, a column of the job row) by
 * the build's row id, never with parallel workers ({@link StoreDatabase#planSerially}). (Hibernate's loading cost
 * about a seventh of the server's CPU under webhook load, and two queries per build one database round trip each.)
 */
final class AggregateLoads {
  private static final Comparator<AttemptEntity> BY_NUMBER = Comparator.comparingInt(a -> a.number);
  private static final Comparator<JobEntity> BY_ROW_ID = Comparator.comparing(j -> Objects.requireNonNull(j.id));

  private final StoreDatabase db;
  private final AggregateTables tables;
  private final PointLookups<BuildId> buildsWithAttempts;
  private final PointLookups<BuildEntity> jobs;

  AggregateLoads(StoreDatabase db, AggregateTables tables) {
    this.db = db;
    this.tables = tables;
    this.buildsWithAttempts = new PointLookups<>(db.kind(),
        tables.builds.selectList("b") + ", " + tables.attempts.selectList("a"),
        "FROM " + tables.builds.table() + " b LEFT JOIN " + tables.attempts.table() + " a ON a.build_id = b.id"
            + " WHERE b.provider = ? AND b.repository = ? AND b.run_id = ?",
        new int[] {Types.VARCHAR, Types.VARCHAR, Types.BIGINT}, AggregateLoads::bindId);
    this.jobs = new PointLookups<>(db.kind(), tables.jobs.selectList("j"),
        "FROM " + tables.jobs.table() + " j WHERE j.build_id = ?",
        new int[] {Types.BIGINT}, (ps, first, build) -> ps.setLong(first, Objects.requireNonNull(build.id)));
  }

  /** The stored builds among {@code ids}, each with its attempts (by number), jobs (by row id) and their steps. */
  Map<BuildId, BuildEntity> load(Connection c, Collection<BuildId> ids) throws SQLException {
    List<BuildId> asked = List.copyOf(new LinkedHashSet<>(ids)); // a build asked twice is read once
    if (!asked.isEmpty()) {
      db.planSerially(c); // the attempts and jobs of a build are a few rows, whatever the statistics say
    }
    Map<BuildId, BuildEntity> found = new HashMap<>();
    int attemptAt = tables.builds.width() + 2;
    buildsWithAttempts.find(c, asked, (rs, index) -> {
      BuildEntity build = found.get(asked.get(index));
      if (build == null) {
        build = tables.builds.read(rs, 2, BuildEntity::create);
        found.put(asked.get(index), build);
      }
      if (RowTable.id(rs, attemptAt) != null) {
        AttemptEntity attempt = tables.attempts.read(rs, attemptAt, AttemptEntity::new);
        attempt.build = build;
        build.attempts.add(attempt);
      }
    });
    List<BuildEntity> builds = List.copyOf(found.values());
    List<List<JobEntity>> jobsOf = new ArrayList<>(builds.size());
    builds.forEach(b -> jobsOf.add(new ArrayList<>()));
    jobs.find(c, builds, (rs, index) -> {
      JobEntity job = tables.jobs.read(rs, 2, JobEntity::new);
      job.build = builds.get(index);
      jobsOf.get(index).add(job);
    });
    for (int i = 0; i < builds.size(); i++) {
      builds.get(i).attempts.sort(BY_NUMBER);
      jobsOf.get(i).sort(BY_ROW_ID);
      builds.get(i).jobs.addAll(jobsOf.get(i));
    }
    return found;
  }

  /** The lookup of builds with their attempts, by unique key (for tests that explain its plan). */
  PointLookups<BuildId> buildLookups() {
    return buildsWithAttempts;
  }

  private static void bindId(PreparedStatement ps, int first, BuildId id) throws SQLException {
    ps.setString(first, id.provider());
    ps.setString(first + 1, id.repository());
    ps.setLong(first + 2, id.runId());
  }
}

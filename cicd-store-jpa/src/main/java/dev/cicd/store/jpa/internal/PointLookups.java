package dev.cicd.store.jpa.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Many point lookups in one statement, so that a batch reads in one database round trip instead of one per
 * key: the same {@code SELECT} once per key, joined by {@code UNION ALL}, each branch tagged with its position
 * (a literal first column) so that a row tells which key found it. Each branch compares a unique key or an
 * indexed column with parameters, which a planner answers with an index seek whatever its statistics (one
 * {@code IN} list was tried: PostgreSQL, planning with the statistics of a table that had grown since its last
 * analyze, read it sequentially). The number of branches is rounded up to a power of two, at most
 * {@link #MAX_BRANCHES} per statement (more keys take more statements), and the branches beyond the keys are
 * bound to NULL, which matches nothing: a few statement texts, each prepared once per connection.
 *
 * <p>On H2, an embedded database with no round trip to save, one single-branch statement is executed once per key
 * instead: H2 caches a prepared plain {@code SELECT} ({@code QUERY_CACHE_SIZE}) but never a {@code UNION}, so every
 * union was parsed and planned again — for the inbox's appends and the merge's reads, 13 % of the H2 server's JFR
 * samples under webhook load (ingest benchmark, session 19; the rate gain measured was within the run-to-run spread).
 *
 * @param <K> the key a branch looks up
 */
final class PointLookups<K> {
  /** Most branches in one statement. */
  static final int MAX_BRANCHES = 64;

  /** Binds one key as the branch's parameters, the first at {@code first}. */
  interface Binder<K> {
    void bind(PreparedStatement ps, int first, K key) throws SQLException;
  }

  /** Reads one row found by the key at {@code index} of the looked-up list; the row's columns start at 2. */
  interface RowReader {
    void read(ResultSet rs, int index) throws SQLException;
  }

  private final boolean keyByKey;
  private final int[] parameterTypes;
  private final Binder<K> binder;
  private final String[] texts;

  /**
   * @param selectList the columns each branch selects after its position (empty for none)
   * @param fromWhere the branch after its select list: {@code FROM ... WHERE ...} with its parameters
   * @param parameterTypes the {@link java.sql.Types} of the branch's parameters, for the NULLs of unused branches
   */
  PointLookups(StoreDatabase.Kind kind, String selectList, String fromWhere, int[] parameterTypes, Binder<K> binder) {
    this.keyByKey = kind == StoreDatabase.Kind.H2;
    this.parameterTypes = parameterTypes.clone();
    this.binder = binder;
    this.texts = new String[Integer.numberOfTrailingZeros(MAX_BRANCHES) + 1];
    for (int size = 0; size < texts.length; size++) {
      StringBuilder sql = new StringBuilder();
      for (int branch = 0; branch < 1 << size; branch++) {
        sql.append(branch == 0 ? "SELECT " : " UNION ALL SELECT ").append(branch)
            .append(selectList.isEmpty() ? "" : ", " + selectList).append(' ').append(fromWhere);
      }
      texts[size] = sql.toString();
    }
  }

  /** Looks up every key of {@code keys}, passing each row found to {@code reader} with the index of its key. */
  void find(Connection c, List<? extends K> keys, RowReader reader) throws SQLException {
    if (keyByKey) {
      findKeyByKey(c, keys, reader);
      return;
    }
    for (int from = 0; from < keys.size(); from += MAX_BRANCHES) {
      List<? extends K> chunk = keys.subList(from, Math.min(keys.size(), from + MAX_BRANCHES));
      try (PreparedStatement ps = c.prepareStatement(text(chunk.size()))) {
        bind(ps, chunk);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            reader.read(rs, from + rs.getInt(1));
          }
        }
      }
    }
  }

  private void findKeyByKey(Connection c, List<? extends K> keys, RowReader reader) throws SQLException {
    if (keys.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(texts[0])) {
      for (int index = 0; index < keys.size(); index++) {
        binder.bind(ps, 1, keys.get(index));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            reader.read(rs, index);
          }
        }
      }
    }
  }

  /** The statement that looks up {@code keys} keys (at most {@link #MAX_BRANCHES}), for tests and plans. */
  String text(int keys) {
    return texts[Integer.numberOfTrailingZeros(branches(keys))];
  }

  /** Binds {@code keys} as {@link #find} does (for tests that explain the statement's plan). */
  void bind(PreparedStatement ps, List<? extends K> keys) throws SQLException {
    int branches = branches(keys.size());
    for (int branch = 0; branch < branches; branch++) {
      int first = branch * parameterTypes.length + 1;
      if (branch < keys.size()) {
        binder.bind(ps, first, keys.get(branch));
      } else {
        bindNulls(ps, first);
      }
    }
  }

  private void bindNulls(PreparedStatement ps, int first) throws SQLException {
    for (int i = 0; i < parameterTypes.length; i++) {
      ps.setNull(first + i, parameterTypes[i]);
    }
  }

  /** Branches of a statement for {@code keys} keys (at most {@link #MAX_BRANCHES}): the next power of two. */
  static int branches(int keys) {
    return keys <= 1 ? 1 : Integer.highestOneBit(keys - 1) << 1;
  }
}

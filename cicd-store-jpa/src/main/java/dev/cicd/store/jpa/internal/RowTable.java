package dev.cicd.store.jpa.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ObjLongConsumer;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * One table of a build aggregate read and written with plain JDBC: its columns besides {@code id}, each
 * read off the entity and set on it in its database form (nanoseconds, wire names), the select of rows into
 * new entities, and the batched insert, update and delete of rows.
 */
final class RowTable<E> {
  /**
   * A column: its name, SQL type, database-form value of an entity and how a read value is set on one
   * ({@code null} for the parent's id, which the reader links itself).
   */
  record Column<E>(String name, int type, Function<E, @Nullable Object> value,
      @Nullable BiConsumer<E, @Nullable Object> set) {}

  private final String table;
  private final List<Column<E>> columns;
  private final ToLongFunction<E> id;
  private final ObjLongConsumer<E> setId;

  RowTable(String table, List<Column<E>> columns, ToLongFunction<E> id, ObjLongConsumer<E> setId) {
    this.table = table;
    this.columns = List.copyOf(columns);
    this.id = id;
    this.setId = setId;
  }

  static <E> Column<E> column(String name, int type, Function<E, @Nullable Object> value,
      @Nullable BiConsumer<E, @Nullable Object> set) {
    return new Column<>(name, type, value, set);
  }

  String table() {
    return table;
  }

  long idOf(E entity) {
    return id.applyAsLong(entity);
  }

  /** {@code <alias>.id, <alias>.<column>, ...}: the select list {@link #read} reads a row from. */
  String selectList(String alias) {
    StringBuilder list = new StringBuilder(alias).append(".id");
    columns.forEach(column -> list.append(", ").append(alias).append('.').append(column.name()));
    return list.toString();
  }

  /** How many result columns {@link #selectList} spans. */
  int width() {
    return columns.size() + 1;
  }

  /** The row id at {@code first} (the first column of {@link #selectList}); null after an outer join's miss. */
  static @Nullable Long id(ResultSet rs, int first) throws SQLException {
    long id = rs.getLong(first);
    return rs.wasNull() ? null : id;
  }

  /** A new entity with the values of the current row, its {@link #selectList} starting at column {@code first}. */
  E read(ResultSet rs, int first, Supplier<E> create) throws SQLException {
    E entity = create.get();
    setId.accept(entity, rs.getLong(first));
    for (int i = 0; i < columns.size(); i++) {
      Column<E> column = columns.get(i);
      if (column.set() != null) {
        column.set().accept(entity, get(rs, first + 1 + i, column.type()));
      }
    }
    return entity;
  }

  private static @Nullable Object get(ResultSet rs, int index, int type) throws SQLException {
    Object value = switch (type) {
      case Types.BIGINT -> rs.getLong(index);
      case Types.INTEGER -> rs.getInt(index);
      case Types.BOOLEAN -> rs.getBoolean(index);
      case Types.BINARY -> rs.getBytes(index);
      default -> rs.getString(index);
    };
    return rs.wasNull() ? null : value;
  }

  /** The row's values in column order (what a later {@link #update} compares with). */
  @Nullable Object[] values(E entity) {
    @Nullable Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = columns.get(i).value().apply(entity);
    }
    return values;
  }

  void insert(Connection c, List<E> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (id");
    columns.forEach(column -> sql.append(", ").append(column.name()));
    sql.append(") VALUES (?").append(", ?".repeat(columns.size())).append(')');
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (E row : rows) {
        ps.setLong(1, id.applyAsLong(row));
        bind(ps, 2, values(row));
        ps.addBatch();
      }
      expectOneEach(ps.executeBatch(), "insert into " + table);
    }
  }

  /** Updates each row whose values differ from those read ({@code before}, same order as {@code rows}). */
  void update(Connection c, List<E> rows, List<@Nullable Object[]> before) throws SQLException {
    update(c, rows, before, null, null);
  }

  /**
   * {@link #update}, but only where column {@code version} still holds its value as read: a row changed since
   * (or gone) fails with {@code stale}'s exception, so the caller's transaction writes nothing. The update locks
   * each row it changes until commit; it is an optimistic lock and the version bump in one statement.
   */
  void update(Connection c, List<E> rows, List<@Nullable Object[]> before, @Nullable String version,
      @Nullable Function<E, RuntimeException> stale) throws SQLException {
    if ((version == null) != (stale == null)) {
      throw new IllegalArgumentException("a version column and the stale-row exception go together");
    }
    int versionAt = version == null ? -1 : columnIndex(version);
    List<E> changed = new ArrayList<>();
    List<@Nullable Object[]> values = new ArrayList<>();
    List<@Nullable Object> versions = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      @Nullable Object[] now = values(rows.get(i));
      if (!java.util.Arrays.deepEquals(now, before.get(i))) {
        changed.add(rows.get(i));
        values.add(now);
        versions.add(versionAt < 0 ? null : before.get(i)[versionAt]);
      }
    }
    if (changed.isEmpty()) {
      return;
    }
    StringBuilder sql = new StringBuilder("UPDATE ").append(table).append(" SET ");
    for (int i = 0; i < columns.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(columns.get(i).name()).append(" = ?");
    }
    sql.append(" WHERE id = ?").append(versionAt < 0 ? "" : " AND " + version + " = ?");
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < changed.size(); i++) {
        bind(ps, 1, values.get(i));
        ps.setLong(columns.size() + 1, id.applyAsLong(changed.get(i)));
        if (versionAt >= 0) {
          ps.setObject(columns.size() + 2, versions.get(i), columns.get(versionAt).type());
        }
        ps.addBatch();
      }
      int[] counts = ps.executeBatch();
      if (stale != null) {
        for (int i = 0; i < counts.length; i++) {
          // Strict: a driver answering SUCCESS_NO_INFO could hide a lost race, so that counts as stale too.
          if (counts[i] != 1) {
            throw stale.apply(changed.get(i));
          }
        }
      }
      expectOneEach(counts, "update of " + table);
    }
  }

  private int columnIndex(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no column " + name + " in " + table);
  }

  /** Deletes rows by id (a row gone already, with its parent's cascade, is fine). */
  void delete(Connection c, List<Long> ids) throws SQLException {
    if (ids.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
      for (long rowId : ids) {
        ps.setLong(1, rowId);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private void bind(PreparedStatement ps, int first, @Nullable Object[] values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      Object value = values[i];
      int type = columns.get(i).type();
      if (value == null) {
        ps.setNull(first + i, type);
      } else if (type == Types.BINARY) {
        ps.setBytes(first + i, (byte[]) value);
      } else {
        ps.setObject(first + i, value, type);
      }
    }
  }

  private static void expectOneEach(int[] counts, String what) throws SQLException {
    for (int count : counts) {
      if (count != 1 && count != java.sql.Statement.SUCCESS_NO_INFO) {
        throw new SQLException("Batched " + what + " changed " + count + " rows instead of 1");
      }
    }
  }
}

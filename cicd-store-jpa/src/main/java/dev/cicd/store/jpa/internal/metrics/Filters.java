package dev.cicd.store.jpa.internal.metrics;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/** A summary's filters as interned term ids (null: no filter). */
record Filters(@Nullable Long repository, @Nullable Long workflow, @Nullable Long branch) {

  /** " AND repository_term = ? ..." for the set filters, with {@code alias.} before each column. */
  String sql(String alias) {
    StringBuilder out = new StringBuilder();
    if (repository != null) {
      out.append(" AND ").append(alias).append("repository_term = ?");
    }
    if (workflow != null) {
      out.append(" AND ").append(alias).append("workflow_term = ?");
    }
    if (branch != null) {
      out.append(" AND ").append(alias).append("branch_term = ?");
    }
    return out.toString();
  }

  /** Binds the set filters from parameter {@code index} on; returns the next free index. */
  int bind(PreparedStatement ps, int index) throws SQLException {
    int i = index;
    for (Long term : new Long[] {repository, workflow, branch}) {
      if (term != null) {
        ps.setLong(i++, term);
      }
    }
    return i;
  }
}

package dev.cicd.store.jpa.internal;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.store.BuildCursor;
import dev.cicd.core.store.BuildQuery;
import dev.cicd.core.store.Page;
import dev.cicd.store.jpa.internal.Terms.Kind;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Loads builds: one whole aggregate by id, or a newest-first page of a listing. */
public final class BuildReader {
  private final Jpa jpa;
  private final Terms terms;
  private final StoreDatabase db;

  public BuildReader(Jpa jpa, Terms terms, StoreDatabase db) {
    this.jpa = jpa;
    this.terms = terms;
    this.db = db;
  }

  public Optional<Build> find(BuildId id) {
    Objects.requireNonNull(id, "id");
    return jpa.inTransaction(() -> "Failed to load build " + id,
        em -> BuildWriter.load(em, id).map(e -> BuildMapping.toBuild(e, true)));
  }

  public Page<Build> list(BuildQuery query) {
    Objects.requireNonNull(query, "query");
    List<Object> params = new ArrayList<>();
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    if (!termFilter(where, params, "repository_term", Kind.REPOSITORY, query.repository())
        || !termFilter(where, params, "workflow_term", Kind.WORKFLOW, query.workflow())
        || !termFilter(where, params, "branch_term", Kind.BRANCH, query.branch())
        || !termFilter(where, params, "event_term", Kind.EVENT, query.event())) {
      return new Page<>(List.of(), null);
    }
    if (query.status() != null) {
      where.append(" AND status = ?").append(params.size() + 1);
      params.add(query.status().wireName());
    }
    if (query.conclusion() != null) {
      where.append(" AND conclusion = ?").append(params.size() + 1);
      params.add(query.conclusion().wireName());
    }
    if (query.from() != null) {
      where.append(" AND created_at >= ?").append(params.size() + 1);
      params.add(Nanos.of(query.from()));
    }
    if (query.to() != null) {
      where.append(" AND created_at < ?").append(params.size() + 1);
      params.add(Nanos.of(query.to()));
    }
    BuildCursor cursor = query.decodedCursor();
    if (cursor != null) {
      int n = params.size();
      where.append(" AND created_at <= ?").append(n + 1).append(" AND (created_at, run_id, sort_key) < (?")
          .append(n + 1).append(", ?").append(n + 2).append(", ?").append(n + 3).append(')');
      params.add(Nanos.of(cursor.createdAt()));
      params.add(cursor.id().runId());
      params.add(SortKey.of(cursor.id().repository(), cursor.id().provider()));
    }
    String sql = "SELECT * FROM " + db.table("build") + where
        + " ORDER BY created_at DESC, run_id DESC, sort_key DESC";
    List<Build> builds = jpa.inTransaction(() -> "Failed to list builds", em -> {
      Query q = em.createNativeQuery(sql, BuildEntity.class).setMaxResults(query.limit() + 1);
      for (int i = 0; i < params.size(); i++) {
        q.setParameter(i + 1, params.get(i));
      }
      List<Build> result = new ArrayList<>();
      for (Object row : q.getResultList()) {
        result.add(BuildMapping.toBuild((BuildEntity) row, false));
      }
      return result;
    });
    if (builds.size() <= query.limit()) {
      return new Page<>(builds, null);
    }
    List<Build> items = builds.subList(0, query.limit());
    return new Page<>(items, BuildCursor.of(items.get(items.size() - 1)).encode());
  }

  /** Adds {@code column = id}; false when the text was never stored, so nothing can match. */
  private boolean termFilter(StringBuilder where, List<Object> params, String column, Kind kind,
      @org.jspecify.annotations.Nullable String text) {
    if (text == null) {
      return true;
    }
    Optional<Long> id = terms.find(kind, text);
    if (id.isEmpty()) {
      return false;
    }
    where.append(" AND ").append(column).append(" = ?").append(params.size() + 1);
    params.add(id.get());
    return true;
  }
}

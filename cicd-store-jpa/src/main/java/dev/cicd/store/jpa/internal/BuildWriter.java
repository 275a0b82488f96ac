package dev.cicd.store.jpa.internal;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.store.BuildStoreException;
import dev.cicd.core.store.ConcurrentBuildModificationException;
import dev.cicd.store.jpa.internal.BuildMapping.TermIds;
import dev.cicd.store.jpa.internal.Terms.Kind;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Saves whole builds with optimistic versioning: an insert (expected version 0) fails when the id
 * exists; an update first runs {@code UPDATE build SET version = version + 1 WHERE ... AND version = ?},
 * which locks the row until commit, so of two concurrent savers of one version exactly one wins.
 */
public final class BuildWriter {
  private final Jpa jpa;
  private final Terms terms;
  private final Sequences sequences;
  private final DayStamps days;

  public BuildWriter(Jpa jpa, Terms terms, Sequences sequences, DayStamps days) {
    this.jpa = jpa;
    this.terms = terms;
    this.sequences = sequences;
    this.days = days;
  }

  public Build save(Build build, long expectedVersion) {
    Objects.requireNonNull(build, "build");
    if (expectedVersion < 0) {
      throw new IllegalArgumentException("expectedVersion must not be negative, but was " + expectedVersion);
    }
    TermIds ids = prepare(build);
    try {
      days.retryingMissingDays(() -> jpa.inTransaction(() -> "Failed to save build " + build.id(), em -> {
        write(em, build, expectedVersion, ids);
        return null;
      }));
    } catch (BuildStoreException e) {
      if ((expectedVersion == 0 && Failures.isUniqueViolation(e)) || Failures.isWriteConflict(e)) {
        throw new ConcurrentBuildModificationException(build.id(), expectedVersion);
      }
      throw e;
    }
    return build.withVersion(expectedVersion + 1);
  }

  /**
   * What a write needs besides its transaction, done in statements of their own (another pooled connection,
   * so also callable inside a write's transaction): the dictionary ids of the build's terms (created when new)
   * and, for a completed build, its place in the completion sequences. Repeating it is harmless.
   */
  public TermIds prepare(Build build) {
    TermIds ids = termIds(build);
    if (build.completedAt() != null) {
      sequences.recordCompletion(ids, Nanos.of(build.completedAt()));
    }
    return ids;
  }

  /** Inserts (expected version 0) or updates the build in {@code em}'s transaction. */
  private void write(EntityManager em, Build build, long expectedVersion, TermIds ids) {
    SortedSet<Long> touched = new TreeSet<>();
    if (expectedVersion == 0) {
      if (exists(em, build.id())) {
        throw new ConcurrentBuildModificationException(build.id(), 0);
      }
      insert(em, build, ids, touched);
      em.flush();
    } else {
      lockVersion(em, build.id(), expectedVersion);
      BuildEntity entity = load(em, build.id()).orElseThrow(
          () -> new ConcurrentBuildModificationException(build.id(), expectedVersion));
      update(entity, build, expectedVersion, ids, touched);
    }
    days.touch(em, touched);
  }

  /**
   * For a batch: checks {@code build} against its entity as loaded in the batch's transaction ({@code loaded}
   * null: it was not stored when read) and maps it onto that entity, or onto a new one, which it returns;
   * nothing is written (the caller writes the rows, {@link AggregateRows}, which updates a build only where its
   * version is still the one read); a concurrent insert of the same build fails on the unique key. The
   * completion times whose days change are added to {@code touched}, for the caller
   * to {@linkplain DayStamps#touch(EntityManager, SortedSet) stamp} once for the whole transaction.
   */
  static BuildEntity applyLoaded(@Nullable BuildEntity loaded, Build build, long expectedVersion, TermIds ids,
      SortedSet<Long> touched) {
    BuildEntity entity;
    if (expectedVersion == 0) {
      if (loaded != null) {
        throw new ConcurrentBuildModificationException(build.id(), 0);
      }
      entity = BuildEntity.create();
    } else {
      if (loaded == null || loaded.version != expectedVersion) {
        throw new ConcurrentBuildModificationException(build.id(), expectedVersion);
      }
      entity = loaded;
      addIfPresent(touched, Nanos.ofNullable(entity.completedAt));
    }
    BuildMapping.apply(build, entity, ids, expectedVersion + 1);
    addIfPresent(touched, Nanos.ofNullable(build.completedAt()));
    return entity;
  }

  private TermIds termIds(Build build) {
    return new TermIds(
        terms.idOf(Kind.PROVIDER, build.id().provider()),
        terms.idOf(Kind.REPOSITORY, build.id().repository()),
        terms.idOf(Kind.WORKFLOW, build.workflow().name()),
        terms.idOf(Kind.BRANCH, build.branch()),
        terms.idOf(Kind.EVENT, build.event()));
  }

  private static void insert(EntityManager em, Build build, TermIds ids, SortedSet<Long> touched) {
    BuildEntity entity = BuildEntity.create();
    BuildMapping.apply(build, entity, ids, 1);
    em.persist(entity);
    addIfPresent(touched, Nanos.ofNullable(build.completedAt()));
  }

  private static void addIfPresent(SortedSet<Long> touched, @Nullable Long completedAt) {
    if (completedAt != null) {
      touched.add(completedAt);
    }
  }

  /** Bumps the stored version if it is the expected one, which locks the row until commit; else a conflict. */
  private static void lockVersion(EntityManager em, BuildId id, long expectedVersion) {
    int updated = em.createQuery("update BuildEntity b set b.version = b.version + 1 where b.provider = :provider"
            + " and b.repository = :repository and b.runId = :runId and b.version = :version")
        .setParameter("provider", id.provider())
        .setParameter("repository", id.repository())
        .setParameter("runId", id.runId())
        .setParameter("version", expectedVersion)
        .executeUpdate();
    if (updated != 1) {
      throw new ConcurrentBuildModificationException(id, expectedVersion);
    }
  }

  private static void update(BuildEntity entity, Build build, long expectedVersion, TermIds ids,
      SortedSet<Long> touched) {
    addIfPresent(touched, Nanos.ofNullable(entity.completedAt));
    BuildMapping.apply(build, entity, ids, expectedVersion + 1);
    addIfPresent(touched, Nanos.ofNullable(build.completedAt()));
  }

  /** The entity of a build id with its attempts and jobs (steps included) loaded (two queries), if stored. */
  public static Optional<BuildEntity> load(EntityManager em, BuildId id) {
    List<BuildEntity> found = em.createQuery("select distinct b from BuildEntity b left join fetch b.attempts"
            + " where b.provider = :provider and b.repository = :repository and b.runId = :runId", BuildEntity.class)
        .setParameter("provider", id.provider())
        .setParameter("repository", id.repository())
        .setParameter("runId", id.runId())
        .getResultList();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    BuildEntity build = found.get(0);
    em.createQuery("select distinct b from BuildEntity b left join fetch b.jobs where b = :build", BuildEntity.class)
        .setParameter("build", build)
        .getResultList();
    return Optional.of(build);
  }

  private static boolean exists(EntityManager em, BuildId id) {
    return em.createQuery("select count(b) from BuildEntity b where b.provider = :provider"
            + " and b.repository = :repository and b.runId = :runId", Long.class)
        .setParameter("provider", id.provider())
        .setParameter("repository", id.repository())
        .setParameter("runId", id.runId())
        .getSingleResult() > 0;
  }
}

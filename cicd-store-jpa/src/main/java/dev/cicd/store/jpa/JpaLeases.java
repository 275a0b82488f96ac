package dev.cicd.store.jpa;

import dev.cicd.core.store.BuildStoreException;
import dev.cicd.store.jpa.internal.Failures;
import dev.cicd.store.jpa.internal.Jpa;
import dev.cicd.store.jpa.internal.LeaseEntity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Named leases in the store's database (table {@code lease}): at most one owner holds a lease until
 * it expires, so several instances sharing one database can let one of them poll or deliver at a time.
 * An owner renews its lease by acquiring it again before it expires.
 */
public final class JpaLeases {
  private final Jpa jpa;
  private final Clock clock;

  JpaLeases(Jpa jpa, Clock clock) {
    this.jpa = jpa;
    this.clock = clock;
  }

  /**
   * Acquires or renews {@code name} for {@code owner} until now + {@code ttl}.
   *
   * @return true if {@code owner} holds the lease now; false if another owner holds an unexpired lease
   */
  public boolean tryAcquire(String name, String owner, Duration ttl) {
    check(name, "name");
    check(owner, "owner");
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, but was " + ttl);
    }
    Instant now = clock.instant();
    try {
      return jpa.inTransaction(() -> "Failed to acquire lease " + name, em -> {
        int updated = em.createQuery("update LeaseEntity l set l.owner = :owner, l.acquiredAt = :now,"
                + " l.expiresAt = :expires, l.version = l.version + 1"
                + " where l.name = :name and (l.owner = :owner or l.expiresAt <= :now)")
            .setParameter("owner", owner)
            .setParameter("now", now)
            .setParameter("expires", now.plus(ttl))
            .setParameter("name", name)
            .executeUpdate();
        if (updated == 1) {
          return true;
        }
        if (em.find(LeaseEntity.class, name) != null) {
          return false;
        }
        em.persist(LeaseEntity.of(name, owner, now, now.plus(ttl)));
        em.flush();
        return true;
      });
    } catch (BuildStoreException e) {
      if (Failures.isUniqueViolation(e) || Failures.isWriteConflict(e)) {
        return false;
      }
      throw e;
    }
  }

  /** Gives up {@code name} if {@code owner} holds it; returns whether it did. */
  public boolean release(String name, String owner) {
    check(name, "name");
    check(owner, "owner");
    return jpa.inTransaction(() -> "Failed to release lease " + name,
        em -> em.createQuery("delete from LeaseEntity l where l.name = :name and l.owner = :owner")
            .setParameter("name", name)
            .setParameter("owner", owner)
            .executeUpdate() == 1);
  }

  /** The owner of an unexpired lease, if any. */
  public Optional<String> holder(String name) {
    check(name, "name");
    Instant now = clock.instant();
    return jpa.inTransaction(() -> "Failed to read lease " + name, em -> {
      LeaseEntity lease = em.find(LeaseEntity.class, name);
      return lease == null || !lease.expiresAt().isAfter(now) ? Optional.<String>empty() : Optional.of(lease.owner());
    });
  }

  private static void check(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank() || value.length() > 200) {
      throw new IllegalArgumentException(what + " must be 1 to 200 characters, but was '" + value + "'");
    }
  }
}

package dev.cicd.store.jpa;

import dev.cicd.core.store.BuildStoreException;
import dev.cicd.store.jpa.internal.Failures;
import dev.cicd.store.jpa.internal.Jpa;
import dev.cicd.store.jpa.internal.SettingEntity;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/** Small named text values in the store's database (table {@code setting}), e.g. alert configuration. */
public final class JpaSettings {
  /** Longest accepted value, in characters. */
  public static final int MAX_VALUE_LENGTH = 1_000_000;

  private final Jpa jpa;
  private final Clock clock;

  JpaSettings(Jpa jpa, Clock clock) {
    this.jpa = jpa;
    this.clock = clock;
  }

  public Optional<String> get(String name) {
    check(name);
    return jpa.inTransaction(() -> "Failed to read setting " + name,
        em -> Optional.ofNullable(em.find(SettingEntity.class, name)).map(SettingEntity::value));
  }

  /** Creates or replaces a setting. */
  public void put(String name, String value) {
    check(name);
    Objects.requireNonNull(value, "value");
    if (value.length() > MAX_VALUE_LENGTH || value.indexOf('\u0000') >= 0) {
      throw new IllegalArgumentException("value must be at most " + MAX_VALUE_LENGTH
          + " characters without NUL, but had " + value.length());
    }
    for (int attempt = 1; ; attempt++) {
      try {
        jpa.inTransaction(() -> "Failed to write setting " + name, em -> {
          SettingEntity setting = em.find(SettingEntity.class, name);
          if (setting == null) {
            em.persist(SettingEntity.of(name, value, clock.instant()));
          } else {
            setting.update(value, clock.instant());
          }
          em.flush();
          return null;
        });
        return;
      } catch (BuildStoreException e) {
        if (attempt >= 3 || !(Failures.isUniqueViolation(e) || Failures.isWriteConflict(e))) {
          throw e;
        }
      }
    }
  }

  /** Deletes a setting; returns whether it existed. */
  public boolean remove(String name) {
    check(name);
    return jpa.inTransaction(() -> "Failed to delete setting " + name,
        em -> em.createQuery("delete from SettingEntity s where s.name = :name")
            .setParameter("name", name).executeUpdate() == 1);
  }

  private static void check(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("name must be 1 to 200 characters, but was '" + name + "'");
    }
  }
}

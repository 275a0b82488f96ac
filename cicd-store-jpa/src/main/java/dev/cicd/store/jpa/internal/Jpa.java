package dev.cicd.store.jpa.internal;

import dev.cicd.core.CicdException;
import dev.cicd.core.store.BuildStoreException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs work in resource-local transactions; persistence failures leave as {@link BuildStoreException}. */
public final class Jpa {
  private static final Logger LOG = LoggerFactory.getLogger(Jpa.class);
  private final EntityManagerFactory factory;

  public Jpa(EntityManagerFactory factory) {
    this.factory = factory;
  }

  public EntityManagerFactory factory() {
    return factory;
  }

  /**
   * Runs {@code work} in a transaction and commits. Our own exceptions pass unchanged; any other
   * runtime failure rolls back and becomes a {@link BuildStoreException} with {@code context}.
   */
  public <T> T inTransaction(Supplier<String> context, Function<EntityManager, T> work) {
    @org.jspecify.annotations.Nullable EntityManager em = null;
    @org.jspecify.annotations.Nullable EntityTransaction tx = null;
    try {
      em = factory.createEntityManager();
      tx = em.getTransaction();
      tx.begin();
      T result = work.apply(em);
      tx.commit();
      return result;
    } catch (CicdException | DayStamps.MissingDay e) {
      rollback(tx);
      throw e;
    } catch (RuntimeException e) {
      rollback(tx);
      throw Failures.storeFailure(context.get() + ": " + e.getMessage(), e);
    } finally {
      if (em != null) {
        em.close();
      }
    }
  }

  private static void rollback(@org.jspecify.annotations.Nullable EntityTransaction tx) {
    try {
      if (tx != null && tx.isActive()) {
        tx.rollback();
      }
    } catch (RuntimeException e) {
      LOG.warn("Rollback failed", e);
    }
  }
}

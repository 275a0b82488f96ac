package dev.cicd.store.jpa.internal;

import dev.cicd.core.build.DeploymentStatus;
import dev.cicd.core.store.BuildStoreException;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Deployment statuses: immutable facts, stored once per (provider, repository, status id). */
public final class DeploymentLog {
  private final Jpa jpa;

  public DeploymentLog(Jpa jpa) {
    this.jpa = jpa;
  }

  public boolean save(DeploymentStatus status) {
    Objects.requireNonNull(status, "status");
    try {
      return jpa.inTransaction(() -> "Failed to save deployment status " + status.statusId() + " of "
          + status.repository(), em -> {
            long existing = em.createQuery("select count(d) from DeploymentStatusEntity d where d.provider = :p"
                    + " and d.repository = :r and d.statusId = :s", Long.class)
                .setParameter("p", status.provider())
                .setParameter("r", status.repository())
                .setParameter("s", status.statusId())
                .getSingleResult();
            if (existing > 0) {
              return false;
            }
            em.persist(DeploymentStatusEntity.of(status));
            em.flush();
            return true;
          });
    } catch (BuildStoreException e) {
      if (Failures.isUniqueViolation(e)) {
        return false;
      }
      throw e;
    }
  }

  public List<DeploymentStatus> list(@Nullable String repository) {
    return jpa.inTransaction(() -> "Failed to list deployment statuses", em -> {
      String where = repository == null ? "" : " where d.repository = :r";
      var query = em.createQuery("select d from DeploymentStatusEntity d" + where
          + " order by d.createdAt, d.statusId", DeploymentStatusEntity.class);
      if (repository != null) {
        query.setParameter("r", repository);
      }
      return query.getResultList().stream().map(DeploymentStatusEntity::toStatus).toList();
    });
  }
}

package dev.cicd.store.jpa.internal;

import dev.cicd.core.build.DeploymentState;
import dev.cicd.core.build.DeploymentStatus;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Row of {@code deployment_status}: an immutable status report of a deployment. */
@Entity
@Table(name = "deployment_status")
@SuppressWarnings("NullAway.Init")
public class DeploymentStatusEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "deployment_status_seq")
  @SequenceGenerator(name = "deployment_status_seq", sequenceName = "deployment_status_seq", allocationSize = 50)
  @Nullable Long id;

  String provider;
  String repository;
  long statusId;
  long deploymentId;
  String environment;
  @Convert(converter = WireNameConverters.DeploymentStateConverter.class)
  DeploymentState state;
  @Nullable String sha;
  @Nullable String ref;
  @Convert(converter = InstantConverter.class)
  Instant createdAt;
  @Nullable String creator;
  @Nullable String url;

  protected DeploymentStatusEntity() {}

  public static DeploymentStatusEntity of(DeploymentStatus status) {
    DeploymentStatusEntity e = new DeploymentStatusEntity();
    e.provider = status.provider();
    e.repository = status.repository();
    e.statusId = status.statusId();
    e.deploymentId = status.deploymentId();
    e.environment = status.environment();
    e.state = status.state();
    e.sha = status.sha();
    e.ref = status.ref();
    e.createdAt = status.createdAt();
    e.creator = status.creator();
    e.url = status.url();
    return e;
  }

  public DeploymentStatus toStatus() {
    return new DeploymentStatus(provider, repository, deploymentId, statusId, environment, state, sha, ref,
        createdAt, creator, url);
  }
}

package dev.cicd.core.ingest;

import dev.cicd.core.build.DeploymentStatus;
import java.util.Objects;

/** A deployment status report (GitHub {@code deployment_status} webhook). */
public record DeploymentUpdate(DeploymentStatus status) implements ProviderEvent {
  public DeploymentUpdate {
    Objects.requireNonNull(status, "status");
  }

  @Override
  public String repository() {
    return status.repository();
  }
}

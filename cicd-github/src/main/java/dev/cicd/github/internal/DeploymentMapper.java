package dev.cicd.github.internal;

import dev.cicd.core.build.DeploymentStatus;
import dev.cicd.core.build.DeploymentState;
import dev.cicd.core.ingest.DeploymentUpdate;
import java.time.Instant;

/** Maps a {@code deployment_status} webhook payload to a {@link DeploymentUpdate}. */
public final class DeploymentMapper {
  private DeploymentMapper() {}

  /**
   * @param payload the whole payload (with {@code deployment_status} and {@code deployment})
   * @throws PayloadException for missing or mistyped fields
   * @throws UnknownValueException for a state this library does not know
   */
  public static DeploymentUpdate map(Fields payload, String repository) {
    Fields status = payload.requiredObject("deployment_status");
    Fields deployment = payload.requiredObject("deployment");
    String environment = deployment.nonEmptyText("environment");
    if (environment == null) {
      environment = status.nonEmptyText("environment");
    }
    if (environment == null) {
      throw new PayloadException("invalid payload: deployment.environment is missing");
    }
    DeploymentState state = Statuses.deploymentState(status, "state");
    Instant createdAt = status.instant("created_at");
    if (createdAt == null) {
      throw new PayloadException("invalid payload: deployment_status.created_at is missing");
    }
    String url = status.nonEmptyText("target_url");
    return new DeploymentUpdate(new DeploymentStatus(
        "github",
        RunMapper.requireRepository(repository, "deployment_status"),
        deployment.requiredId("id"),
        status.requiredId("id"),
        environment,
        state,
        deployment.nonEmptyText("sha"),
        deployment.nonEmptyText("ref"),
        createdAt,
        status.login("creator"),
        url != null ? url : status.nonEmptyText("url")));
  }
}

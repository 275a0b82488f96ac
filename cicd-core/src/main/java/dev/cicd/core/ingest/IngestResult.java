package dev.cicd.core.ingest;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.DeploymentStatus;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The result of ingesting one event.
 *
 * @param build the stored build after the merge, for run and job events that were applied
 * @param deployment the deployment status, for deployment events that were applied
 */
public record IngestResult(IngestOutcome outcome, @Nullable Build build, @Nullable DeploymentStatus deployment) {

  public Optional<Build> buildAfter() {
    return Optional.ofNullable(build);
  }

  static IngestResult duplicate() {
    return new IngestResult(IngestOutcome.DUPLICATE, null, null);
  }
}

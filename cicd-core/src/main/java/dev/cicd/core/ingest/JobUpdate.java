package dev.cicd.core.ingest;

import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.Job;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A report of one job (GitHub {@code workflow_job} webhook or REST job object). The run-level fields
 * fill a placeholder build when the job is reported before its run.
 *
 * @param buildId the run the job belongs to; the job's attempt is {@code job.attempt()}
 */
public record JobUpdate(
    BuildId buildId,
    Job job,
    @Nullable String workflowName,
    @Nullable String branch,
    @Nullable String commitSha)
    implements ProviderEvent {

  public JobUpdate {
    Objects.requireNonNull(buildId, "buildId");
    Objects.requireNonNull(job, "job");
  }

  @Override
  public String repository() {
    return buildId.repository();
  }
}

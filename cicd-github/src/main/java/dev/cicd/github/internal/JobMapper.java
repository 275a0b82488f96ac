package dev.cicd.github.internal;

import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Job;
import dev.cicd.core.build.Step;
import dev.cicd.core.ingest.JobUpdate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a GitHub job object (webhook {@code workflow_job} or REST job) to a {@link JobUpdate}. Ids come
 * from fields only ({@code id}, {@code run_id}), never from URLs, which the examples show to disagree.
 */
public final class JobMapper {
  private static final Logger LOG = LoggerFactory.getLogger(JobMapper.class);

  private JobMapper() {}

  /**
   * @param job the job object
   * @param repository the repository full name
   * @param requestedAttempt the attempt of the REST jobs endpoint that returned the job; null for
   *     webhooks, where the job's {@code run_attempt} (default 1) is used
   * @param runId the run the job was requested for; null to use the job's {@code run_id}
   */
  public static JobUpdate map(Fields job, String repository, @Nullable Integer requestedAttempt,
      @Nullable Long runId) {
    long run = runId != null ? runId : job.requiredId("run_id");
    BuildId buildId = BuildId.github(RunMapper.requireRepository(repository, job.path()), run);
    int attempt = requestedAttempt != null ? requestedAttempt : job.intOr("run_attempt", 1, 1);
    BuildStatus status = Statuses.status(job, "status");
    Job mapped = new Job(
        job.requiredId("id"),
        attempt,
        nameOr(job.text("name"), ""),
        status,
        status == BuildStatus.COMPLETED ? Statuses.conclusion(job, "conclusion") : null,
        job.instant("created_at"),
        job.instant("started_at"),
        status == BuildStatus.COMPLETED ? job.instant("completed_at") : null,
        job.nonEmptyText("runner_name"),
        job.nonEmptyText("runner_group_name"),
        job.texts("labels"),
        steps(job),
        job.nonEmptyText("html_url"));
    return new JobUpdate(buildId, mapped, job.nonEmptyText("workflow_name"), job.text("head_branch"),
        job.nonEmptyText("head_sha"));
  }

  private static List<Step> steps(Fields job) {
    List<Step> steps = new ArrayList<>();
    for (Fields step : job.objects("steps")) {
      BuildStatus status;
      try {
        status = Statuses.status(step, "status");
      } catch (UnknownValueException e) {
        LOG.debug("Skipping a step: {}", e.getMessage());
        continue;
      }
      steps.add(new Step(
          step.intOr("number", 0, 0),
          nameOr(step.text("name"), ""),
          status,
          status == BuildStatus.COMPLETED ? Statuses.conclusion(step, "conclusion") : null,
          step.instant("started_at"),
          step.instant("completed_at")));
    }
    return steps;
  }

  private static String nameOr(@Nullable String value, String fallback) {
    return value == null ? fallback : value;
  }
}

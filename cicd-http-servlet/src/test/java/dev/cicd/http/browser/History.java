package dev.cicd.http.browser;

import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.build.DeploymentState;
import dev.cicd.core.build.DeploymentStatus;
import dev.cicd.core.build.Job;
import dev.cicd.core.build.Step;
import dev.cicd.core.ingest.DeploymentUpdate;
import dev.cicd.core.ingest.IngestionService;
import dev.cicd.core.ingest.JobUpdate;
import dev.cicd.core.ingest.RunUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A small, deterministic history fed through the real ingestion path: three repositories, two
 * workflows, several branches (one of them an HTML injection attempt), failures, a flaky re-run,
 * jobs with queue times, and two deployments.
 */
final class History {
  static final String XSS_BRANCH = "<img src=x onerror=window.__xss=1>";
  static final String XSS_TITLE = "\"><img src=x onerror=window.__xss=2> fix <script>window.__xss=3</script>";
  static final List<String> REPOSITORIES = List.of("octo-org/api", "octo-org/web", "octo-org/docs");
  static final String FLAKY_REPOSITORY = "octo-org/api";
  static final long FLAKY_RUN = 1_000_007L;

  private final IngestionService ingestion;
  private final Instant now;
  private long nextJobId = 50_000;

  History(IngestionService ingestion, Instant now) {
    this.ingestion = ingestion;
    this.now = now;
  }

  /** Seeds 36 completed builds over the last 6 days plus one running build. */
  void seed() {
    String[] branches = {"main", "feature/login", "main", XSS_BRANCH};
    for (int i = 0; i < 36; i++) {
      String repository = REPOSITORIES.get(i % 3);
      String workflow = i % 2 == 0 ? "CI" : "Deploy";
      String branch = branches[i % 4];
      Conclusion conclusion = i % 5 == 3 ? Conclusion.FAILURE : i % 11 == 5 ? Conclusion.CANCELLED
          : i % 13 == 12 ? Conclusion.TIMED_OUT : Conclusion.SUCCESS;
      Instant created = now.minus(Duration.ofMinutes(200L * i + 30));
      long durationMs = 45_000 + (i * 7_919L % 400_000);
      run(repository, 1_000_000L + i, workflow, branch, 1, conclusion, created, durationMs,
          i == 4 ? XSS_TITLE : "Change number " + i);
    }
    // A flaky build: attempt 1 failed, attempt 2 passed.
    Instant created = now.minus(Duration.ofHours(3));
    run(FLAKY_REPOSITORY, FLAKY_RUN, "CI", "main", 1, Conclusion.FAILURE, created, 120_000, "Flaky change");
    run(FLAKY_REPOSITORY, FLAKY_RUN, "CI", "main", 2, Conclusion.SUCCESS, created.plusSeconds(600), 100_000,
        "Flaky change");
    // One build still running.
    ingestion.ingest(RunUpdate.builder(BuildId.github("octo-org/web", 1_000_100L)).workflowName("CI")
        .runNumber(100).branch("main").commitSha(sha(100)).event("push").actor("octocat").title("Work in progress")
        .status(BuildStatus.IN_PROGRESS).createdAt(now.minusSeconds(120)).startedAt(now.minusSeconds(100))
        .updatedAt(now.minusSeconds(90)).build());
    deployment(1, 11, DeploymentState.SUCCESS, now.minus(Duration.ofHours(20)));
    deployment(2, 12, DeploymentState.FAILURE, now.minus(Duration.ofHours(10)));
  }

  /** Ingests one completed attempt with two jobs (queue times differ) and returns its id. */
  BuildId run(String repository, long runId, String workflow, String branch, int attempt, Conclusion conclusion,
      Instant created, long durationMs, String title) {
    BuildId id = BuildId.github(repository, runId);
    Instant started = created.plusSeconds(15);
    Instant completed = started.plusMillis(durationMs);
    ingestion.ingest(RunUpdate.builder(id).attempt(attempt).workflowName(workflow).runNumber(runId % 1000)
        .branch(branch).commitSha(sha(runId)).event("push").actor("octocat").title(title)
        .status(BuildStatus.COMPLETED).conclusion(conclusion).createdAt(created).startedAt(started)
        .updatedAt(completed).completedAt(completed).headCommitAt(created.minusSeconds(300))
        .url("https://github.com/" + repository + "/actions/runs/" + runId).build());
    for (int j = 0; j < 2; j++) {
      Instant jobCreated = started.plusSeconds(j);
      Instant jobStarted = jobCreated.plusSeconds(5 + 20L * j + runId % 7);
      Instant jobCompleted = jobStarted.plusMillis(durationMs / 2);
      Conclusion jobConclusion = j == 1 ? conclusion : Conclusion.SUCCESS;
      List<Step> steps = List.of(
          new Step(1, "Set up job", BuildStatus.COMPLETED, Conclusion.SUCCESS, jobStarted, jobStarted.plusSeconds(2)),
          new Step(2, "Run tests", BuildStatus.COMPLETED, jobConclusion, jobStarted.plusSeconds(2), jobCompleted));
      Job job = new Job(nextJobId++, attempt, j == 0 ? "build" : "test (ubuntu-latest, 21)", BuildStatus.COMPLETED,
          jobConclusion, jobCreated, jobStarted, jobCompleted, "GitHub Actions " + j, null,
          List.of("ubuntu-latest"), steps, "https://github.com/" + repository + "/actions/runs/" + runId + "/job/" + nextJobId);
      ingestion.ingest(new JobUpdate(id, job, workflow, branch, sha(runId)));
    }
    return id;
  }

  private void deployment(long deploymentId, long statusId, DeploymentState state, Instant at) {
    ingestion.ingest(new DeploymentUpdate(new DeploymentStatus("github", "octo-org/web", deploymentId, statusId,
        "production", state, sha(1_000_001L), "main", at, "octocat", null)));
  }

  static String sha(long n) {
    return String.format("%040x", n * 2_654_435_761L);
  }
}

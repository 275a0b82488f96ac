package dev.cicd.core.store;

import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.build.Job;
import dev.cicd.core.build.Step;
import dev.cicd.core.build.Workflow;
import dev.cicd.core.ingest.JobUpdate;
import dev.cicd.core.ingest.RunUpdate;
import java.time.Instant;
import java.util.List;

/** Small hand-made events for contract tests. */
public final class Fixtures {
  public static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

  private Fixtures() {}

  public static RunUpdate.Builder run(String repo, long runId) {
    return RunUpdate.builder(BuildId.github(repo, runId))
        .workflow(new Workflow(42L, "CI", ".github/workflows/ci.yml"))
        .runNumber(runId % 1000).branch("main").commitSha("a".repeat(40)).event("push")
        .actor("octocat").triggeringActor("octocat").title("Fix the thing").createdAt(T0)
        .url("https://github.com/" + repo + "/actions/runs/" + runId);
  }

  public static RunUpdate completed(String repo, long runId, int attempt, Conclusion conclusion, Instant start, long seconds) {
    return run(repo, runId).attempt(attempt).status(BuildStatus.COMPLETED).conclusion(conclusion)
        .createdAt(start).startedAt(start).updatedAt(start.plusSeconds(seconds)).build();
  }

  public static JobUpdate job(String repo, long runId, long jobId, int attempt, BuildStatus status,
      Conclusion conclusion, Instant created, Instant started, Instant completed) {
    List<Step> steps = started == null ? List.of() : List.of(
        new Step(1, "Set up job", BuildStatus.COMPLETED, Conclusion.SUCCESS, started, started.plusSeconds(1)),
        new Step(2, "Test", status, conclusion, started.plusSeconds(1), completed));
    return new JobUpdate(BuildId.github(repo, runId),
        new Job(jobId, attempt, "build", status, conclusion, created, started, completed, "runner-1", "Default",
            List.of("ubuntu-latest"), steps, null),
        "CI", "main", "a".repeat(40));
  }
}

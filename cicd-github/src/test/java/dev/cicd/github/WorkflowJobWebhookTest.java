package dev.cicd.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.build.Job;
import dev.cicd.core.build.Step;
import dev.cicd.core.ingest.JobUpdate;
import dev.cicd.core.source.WebhookDelivery;
import dev.cicd.core.source.WebhookKind;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WorkflowJobWebhookTest {
  private final GitHubWebhookReceiver receiver = Fixtures.receiver();

  private JobUpdate job(String file, String expectedAction) {
    WebhookDelivery delivery = receiver.receive(Fixtures.webhook("workflow_job", file));
    assertThat(delivery.kind()).as(delivery.problem()).isEqualTo(WebhookKind.EVENTS);
    assertThat(delivery.eventType()).isEqualTo("workflow_job");
    assertThat(delivery.action()).isEqualTo(expectedAction);
    return (JobUpdate) delivery.events().get(0);
  }

  @Test
  @DisplayName("workflow_job/completed.json: ids from fields (not URLs), steps with millisecond times")
  void completed() {
    JobUpdate update = job("completed.json", "completed");
    // run_url and html_url point at 1291536064; the fields say run 2202229078 and job 289782451
    assertThat(update.buildId()).isEqualTo(BuildId.github("Codertocat/Hello-World", 2202229078L));
    assertThat(update.workflowName()).isEqualTo("CodeQL");
    assertThat(update.branch()).isEqualTo("main");
    assertThat(update.commitSha()).isEqualTo("3484a3fb816e0859fd6e1cea078d76385ff50625");
    Job job = update.job();
    assertThat(job.id()).isEqualTo(289782451L);
    assertThat(job.attempt()).isEqualTo(1);
    assertThat(job.name()).isEqualTo("linters");
    assertThat(job.status()).isEqualTo(BuildStatus.COMPLETED);
    assertThat(job.conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(job.createdAt()).isEqualTo(Instant.parse("2021-08-05T10:33:58Z"));
    assertThat(job.startedAt()).isEqualTo(Instant.parse("2021-08-05T10:34:58Z"));
    assertThat(job.completedAt()).isEqualTo(Instant.parse("2021-08-05T10:38:16Z"));
    assertThat(job.queueMs()).isEqualTo(60_000L);
    assertThat(job.runnerName()).isEqualTo("GitHub Actions 5");
    assertThat(job.runnerGroup()).isEqualTo("GitHub Actions");
    assertThat(job.labels()).containsExactly("ubuntu-latest");
    assertThat(job.url()).isEqualTo("https://github.com/octo-org/octo-repo/runs/1291536064");
    assertThat(job.steps()).hasSize(8);
    assertThat(job.steps()).extracting(Step::number).containsExactly(1, 2, 3, 4, 5, 6, 12, 13);
    Step first = job.steps().get(0);
    assertThat(first.name()).isEqualTo("Set up job");
    assertThat(first.status()).isEqualTo(BuildStatus.COMPLETED);
    assertThat(first.conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(first.startedAt()).isEqualTo(Instant.parse("2021-08-05T10:26:08Z"));
    assertThat(first.completedAt()).isEqualTo(Instant.parse("2021-08-05T10:26:11Z"));
  }

  @Test
  @DisplayName("workflow_job/in_progress.json: running job, running step without conclusion")
  void inProgress() {
    JobUpdate update = job("in_progress.json", "in_progress");
    assertThat(update.buildId()).isEqualTo(BuildId.github("Codertocat/Hello-World", 2202229078L));
    Job job = update.job();
    assertThat(job.id()).isEqualTo(289782451L);
    assertThat(job.name()).isEqualTo("Analyze (javascript)");
    assertThat(job.status()).isEqualTo(BuildStatus.IN_PROGRESS);
    assertThat(job.conclusion()).isNull();
    assertThat(job.completedAt()).isNull();
    assertThat(job.startedAt()).isEqualTo(Instant.parse("2021-09-13T02:21:13Z"));
    assertThat(job.steps()).singleElement().satisfies(step -> {
      assertThat(step.status()).isEqualTo(BuildStatus.IN_PROGRESS);
      assertThat(step.conclusion()).isNull();
      assertThat(step.completedAt()).isNull();
    });
  }

  @Test
  @DisplayName("workflow_job/queued.json: queued job with a runner already named and no steps")
  void queued() {
    JobUpdate update = job("queued.json", "queued");
    Job job = update.job();
    assertThat(job.name()).isEqualTo("update");
    assertThat(job.status()).isEqualTo(BuildStatus.QUEUED);
    assertThat(job.steps()).isEmpty();
    assertThat(job.runnerName()).isEqualTo("GitHub Actions 5");
    assertThat(job.createdAt()).isEqualTo(Instant.parse("2021-09-13T02:21:13Z"));
    assertThat(update.workflowName()).isEqualTo("CodeQL");
  }

  @Test
  @DisplayName("workflow_job/queued.1.json: action queued but status waiting; the status field wins; null runner")
  void queuedWithDeployment() {
    JobUpdate update = job("queued.1.json", "queued");
    assertThat(update.buildId()).isEqualTo(BuildId.github("lineville/elastic-machines-testing", 4747967848L));
    assertThat(update.workflowName()).isEqualTo("Env Test");
    assertThat(update.commitSha()).isEqualTo("16c5286e8d9a0629956a28938386b36608707a71");
    Job job = update.job();
    assertThat(job.id()).isEqualTo(12877621891L);
    assertThat(job.status()).isEqualTo(BuildStatus.WAITING);
    assertThat(job.runnerName()).isNull();
    assertThat(job.runnerGroup()).isNull();
    assertThat(job.labels()).containsExactly("self-hosted", "k8s");
    assertThat(job.url()).isEqualTo(
        "https://github.com/lineville/elastic-machines-testing/actions/runs/4747967848/jobs/8433573014");
  }

  @Test
  @DisplayName("workflow_job/waiting.json: waiting job, no runner yet")
  void waiting() {
    JobUpdate update = job("waiting.json", "waiting");
    Job job = update.job();
    assertThat(job.id()).isEqualTo(12877621891L);
    assertThat(job.attempt()).isEqualTo(1);
    assertThat(job.name()).isEqualTo("test");
    assertThat(job.status()).isEqualTo(BuildStatus.WAITING);
    assertThat(job.conclusion()).isNull();
    assertThat(job.runnerName()).isNull();
    assertThat(job.createdAt()).isEqualTo(Instant.parse("2023-04-19T21:12:12Z"));
    assertThat(update.branch()).isEqualTo("main");
  }

  @Test
  @DisplayName("run_attempt is the job's attempt; null or zero started_at means never started")
  void attemptAndNeverStarted() {
    JobUpdate second = (JobUpdate) receiver.receive(Fixtures.signed("workflow_job",
        WebhookBodies.job("queued", "\"run_attempt\": 3, \"status\": \"queued\", \"started_at\": null"))).events().get(0);
    assertThat(second.job().attempt()).isEqualTo(3);
    assertThat(second.job().startedAt()).isNull();
    JobUpdate epoch = (JobUpdate) receiver.receive(Fixtures.signed("workflow_job",
        WebhookBodies.job("completed", "\"status\": \"completed\", \"conclusion\": \"skipped\", "
            + "\"started_at\": \"1970-01-01T00:00:00Z\""))).events().get(0);
    assertThat(epoch.job().startedAt()).isNull();
    assertThat(epoch.job().conclusion()).isEqualTo(Conclusion.SKIPPED);
  }

  @Test
  @DisplayName("an unknown job action (e.g. the retired 'started') is ignored, not an error")
  void unknownAction() {
    WebhookDelivery delivery = receiver.receive(Fixtures.signed("workflow_job", WebhookBodies.job("started", "")));
    assertThat(delivery.kind()).isEqualTo(WebhookKind.IGNORED);
    assertThat(delivery.action()).isEqualTo("started");
    assertThat(receiver.ignoredCount()).isEqualTo(1);
  }
}

package dev.cicd.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.ingest.DeliveryKey;
import dev.cicd.core.ingest.RunUpdate;
import dev.cicd.core.source.WebhookDelivery;
import dev.cicd.core.source.WebhookKind;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WorkflowRunWebhookTest {
  private final GitHubWebhookReceiver receiver = Fixtures.receiver();

  private RunUpdate run(String file) {
    WebhookDelivery delivery = receiver.receive(Fixtures.webhook("workflow_run", file));
    assertThat(delivery.kind()).as(delivery.problem()).isEqualTo(WebhookKind.EVENTS);
    assertThat(delivery.eventType()).isEqualTo("workflow_run");
    assertThat(delivery.key()).isEqualTo(new DeliveryKey("292430182", "72d3162e-cc78-11e3-81ab-4c9367dc0958"));
    assertThat(delivery.events()).singleElement().isInstanceOf(RunUpdate.class);
    return (RunUpdate) delivery.events().get(0);
  }

  @Test
  @DisplayName("workflow_run/completed.json: every mapped field")
  void completed() {
    RunUpdate run = run("completed.json");
    assertThat(run.id()).isEqualTo(BuildId.github("octo-org/octo-repo", 289782451L));
    assertThat(run.attempt()).isEqualTo(1);
    assertThat(run.runNumber()).isEqualTo(163);
    // the run's name is "" here, so the top-level workflow object names it
    assertThat(run.workflow().name()).isEqualTo("test");
    assertThat(run.workflow().id()).isEqualTo(2823525L);
    assertThat(run.workflow().path()).isEqualTo(".github/workflows/test.yml");
    assertThat(run.branch()).isEqualTo("master");
    assertThat(run.commitSha()).isEqualTo("3484a3fb816e0859fd6e1cea078d76385ff50625");
    assertThat(run.event()).isEqualTo("repository_dispatch");
    assertThat(run.actor()).isEqualTo("Codertocat");
    assertThat(run.triggeringActor()).isEqualTo("Codertocat");
    assertThat(run.title()).isEqualTo("ci(action): update actions/setup-node digest to 8c91899");
    assertThat(run.status()).isEqualTo(BuildStatus.COMPLETED);
    assertThat(run.conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.createdAt()).isEqualTo(Instant.parse("2020-10-05T16:33:24Z"));
    assertThat(run.startedAt()).isEqualTo(Instant.parse("2020-10-05T16:33:49Z"));
    assertThat(run.updatedAt()).isEqualTo(Instant.parse("2020-10-05T16:33:49Z"));
    assertThat(run.completedAt()).isEqualTo(Instant.parse("2020-10-05T16:33:49Z"));
    assertThat(run.headCommitAt()).isEqualTo(Instant.parse("2020-10-05T16:32:07Z"));
    assertThat(run.url()).isEqualTo("https://github.com/octo-org/octo-repo/actions/runs/289782451");
    assertThat(run.pullRequests()).isEmpty();
  }

  @Test
  @DisplayName("workflow_run/requested.json: status from the payload (queued), no conclusion, unordered times kept")
  void requested() {
    RunUpdate run = run("requested.json");
    assertThat(run.id()).isEqualTo(BuildId.github("octo-org/octo-repo", 289782451L));
    assertThat(run.status()).isEqualTo(BuildStatus.QUEUED);
    assertThat(run.conclusion()).isNull();
    assertThat(run.completedAt()).isNull();
    assertThat(run.workflow().name()).isEqualTo("test");
    assertThat(run.runNumber()).isEqualTo(163);
    assertThat(run.createdAt()).isEqualTo(Instant.parse("2020-10-05T16:33:24Z"));
    assertThat(run.updatedAt()).isEqualTo(Instant.parse("2020-10-05T16:33:24Z"));
    // run_started_at is later than updated_at in this example; it is kept as sent
    assertThat(run.startedAt()).isEqualTo(Instant.parse("2020-10-05T16:33:49Z"));
    assertThat(run.headCommitAt()).isEqualTo(Instant.parse("2020-10-05T16:32:07Z"));
    assertThat(run.actor()).isEqualTo("Codertocat");
  }

  @Test
  @DisplayName("workflow name: the run's name wins, then the workflow object's, then the path; @ref is cut from the path")
  void workflowNameRules() {
    String withName = WebhookBodies.run("\"name\": \"Build\", \"path\": \".github/workflows/build.yml@main\"", true);
    RunUpdate named = (RunUpdate) receiver.receive(Fixtures.signed("workflow_run", withName)).events().get(0);
    assertThat(named.workflow().name()).isEqualTo("Build");
    assertThat(named.workflow().path()).isEqualTo(".github/workflows/build.yml");

    String noWorkflowObject = WebhookBodies.run("\"name\": \"\", \"path\": \".github/workflows/ci.yml@refs/heads/x\"", false);
    RunUpdate byPath = (RunUpdate) receiver.receive(Fixtures.signed("workflow_run", noWorkflowObject)).events().get(0);
    assertThat(byPath.workflow().name()).isEqualTo(".github/workflows/ci.yml");
  }

  @Test
  @DisplayName("pull request numbers are mapped when present")
  void pullRequests() {
    String body = WebhookBodies.run("\"pull_requests\": [{\"number\": 12, \"url\": \"u\"}, {\"number\": 7}]", true);
    RunUpdate run = (RunUpdate) receiver.receive(Fixtures.signed("workflow_run", body)).events().get(0);
    assertThat(run.pullRequests()).containsExactly(12, 7);
  }

  @Test
  @DisplayName("an unknown conclusion of a completed run maps to neutral, never to null")
  void unknownConclusion() {
    String body = WebhookBodies.run("\"status\": \"completed\", \"conclusion\": \"exploded\"", true);
    RunUpdate run = (RunUpdate) receiver.receive(Fixtures.signed("workflow_run", body)).events().get(0);
    assertThat(run.conclusion()).isEqualTo(Conclusion.NEUTRAL);
  }

  @Test
  @DisplayName("offsets and milliseconds in timestamps are normalised to instants; zero run_started_at means never started")
  void timestamps() {
    String body = WebhookBodies.run("\"created_at\": \"2020-01-20T09:42:40.000-08:00\", "
        + "\"updated_at\": \"2020-01-20T17:43:00.123Z\", \"run_started_at\": \"0001-01-01T00:00:00Z\"", true);
    RunUpdate run = (RunUpdate) receiver.receive(Fixtures.signed("workflow_run", body)).events().get(0);
    assertThat(run.createdAt()).isEqualTo(Instant.parse("2020-01-20T17:42:40Z"));
    assertThat(run.updatedAt()).isEqualTo(Instant.parse("2020-01-20T17:43:00.123Z"));
    assertThat(run.startedAt()).isNull();
  }

  @Test
  @DisplayName("an unknown action is ignored and counted; an unknown status is ignored with a reason")
  void unknownActionAndStatus() {
    WebhookDelivery action = receiver.receive(Fixtures.signed("workflow_run",
        WebhookBodies.run("", true).replace("\"action\": \"completed\"", "\"action\": \"teleported\"")));
    assertThat(action.kind()).isEqualTo(WebhookKind.IGNORED);
    assertThat(action.action()).isEqualTo("teleported");

    WebhookDelivery status = receiver.receive(Fixtures.signed("workflow_run", WebhookBodies.run("\"status\": \"paused\"", true)));
    assertThat(status.kind()).isEqualTo(WebhookKind.IGNORED);
    assertThat(status.problem()).contains("workflow_run.status").contains("paused");
    assertThat(receiver.ignoredDeliveries()).containsEntry("workflow_run", 2L);
  }
}

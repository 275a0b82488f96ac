package dev.cicd.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.build.DeploymentState;
import dev.cicd.core.build.DeploymentStatus;
import dev.cicd.core.ingest.DeploymentUpdate;
import dev.cicd.core.source.WebhookDelivery;
import dev.cicd.core.source.WebhookKind;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeploymentStatusWebhookTest {
  private final GitHubWebhookReceiver receiver = Fixtures.receiver();

  private DeploymentStatus status(String file) {
    WebhookDelivery delivery = receiver.receive(Fixtures.webhook("deployment_status", file));
    assertThat(delivery.kind()).as(delivery.problem()).isEqualTo(WebhookKind.EVENTS);
    assertThat(delivery.eventType()).isEqualTo("deployment_status");
    assertThat(delivery.action()).isEqualTo("created");
    return ((DeploymentUpdate) delivery.events().get(0)).status();
  }

  @Test
  @DisplayName("deployment_status/created.json: success to production; empty target_url falls back to the status url")
  void created() {
    DeploymentStatus status = status("created.json");
    assertThat(status.provider()).isEqualTo("github");
    assertThat(status.repository()).isEqualTo("Codertocat/Hello-World");
    assertThat(status.deploymentId()).isEqualTo(145988746L);
    assertThat(status.statusId()).isEqualTo(209916254L);
    assertThat(status.environment()).isEqualTo("production");
    assertThat(status.state()).isEqualTo(DeploymentState.SUCCESS);
    assertThat(status.sha()).isEqualTo("f95f852bd8fca8fcc58a9a2d6c842781e32a215e");
    assertThat(status.ref()).isEqualTo("master");
    assertThat(status.createdAt()).isEqualTo(Instant.parse("2019-05-15T15:20:55Z"));
    assertThat(status.creator()).isEqualTo("Codertocat");
    assertThat(status.url()).isEqualTo(
        "https://api.github.com/repos/Codertocat/Hello-World/deployments/145988746/statuses/209916254");
  }

  @Test
  @DisplayName("deployment_status/created.1.json: with an installation object, same facts")
  void createdWithInstallation() {
    DeploymentStatus status = status("created.1.json");
    assertThat(status.repository()).isEqualTo("Codertocat/Hello-World");
    assertThat(status.deploymentId()).isEqualTo(145988746L);
    assertThat(status.statusId()).isEqualTo(209916254L);
    assertThat(status.environment()).isEqualTo("production");
    assertThat(status.state()).isEqualTo(DeploymentState.SUCCESS);
    assertThat(status.creator()).isEqualTo("Codertocat");
    assertThat(status.createdAt()).isEqualTo(Instant.parse("2019-05-15T15:20:55Z"));
  }

  @Test
  @DisplayName("deployment_status/created.2.json: github-pages, in_progress, target_url used, bot creator")
  void githubPages() {
    DeploymentStatus status = status("created.2.json");
    assertThat(status.environment()).isEqualTo("github-pages");
    assertThat(status.state()).isEqualTo(DeploymentState.IN_PROGRESS);
    assertThat(status.ref()).isEqualTo("master");
    assertThat(status.sha()).isEqualTo("f95f852bd8fca8fcc58a9a2d6c842781e32a215e");
    assertThat(status.creator()).isEqualTo("github-pages[bot]");
    assertThat(status.createdAt()).isEqualTo(Instant.parse("2022-01-03T01:28:40Z"));
    assertThat(status.url()).isEqualTo(
        "https://github.com/Codertocat/Hello-World/runs/145988746?check_suite_focus=true");
  }
}

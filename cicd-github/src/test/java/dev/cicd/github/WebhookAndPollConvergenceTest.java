package dev.cicd.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.ingest.DeliveryKey;
import dev.cicd.core.source.WebhookDelivery;
import dev.cicd.core.source.WebhookKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The same run reported by webhooks and by polling, in different orders, ends as one build in the same
 * state: both paths go through the core ingestion merge.
 */
class WebhookAndPollConvergenceTest {
  private static final String REPO = "octo-org/octo-repo";
  private static final BuildId ID = BuildId.github(REPO, 289782451L);
  private static final Instant NOW = Instant.parse("2020-10-06T00:00:00Z");

  /** Webhook deliveries: workflow_run requested and completed (fixtures), and a job of this run. */
  private static List<byte[]> deliveries() {
    ObjectNode job = (ObjectNode) RunFactory.read("webhooks/workflow_job/completed.json");
    ((ObjectNode) job.get("workflow_job")).put("run_id", 289782451L);
    ((ObjectNode) job.get("repository")).put("full_name", REPO);
    return List.of(Fixtures.bytes("webhooks/workflow_run/requested.json"),
        Fixtures.bytes("webhooks/workflow_run/completed.json"),
        job.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static final String[] EVENTS = {"workflow_run", "workflow_run", "workflow_job"};

  private static PollingHarness harness() {
    PollingHarness h = new PollingHarness(b -> b.repositories(REPO).webhookSecret(Fixtures.SECRET));
    h.clock.set(NOW);
    ObjectNode run = (ObjectNode) RunFactory.read("webhooks/workflow_run/completed.json").get("workflow_run");
    h.github.runs(REPO, List.of(run));
    ObjectNode job = (ObjectNode) RunFactory.read("webhooks/workflow_job/completed.json").get("workflow_job");
    job.put("run_id", 289782451L);
    h.github.jobs(REPO, 289782451L, 1, List.of(job));
    ObjectNode workflow = RunFactory.MAPPER.createObjectNode().put("id", 2823525).put("name", "test")
        .put("path", ".github/workflows/test.yml");
    h.github.workflows(REPO, RunFactory.list("workflows", List.of(workflow), 1));
    return h;
  }

  private static void webhook(PollingHarness h, int index) {
    WebhookDelivery delivery = h.source.webhooks().receive(
        Fixtures.signed(EVENTS[index], deliveries().get(index), "delivery-" + index));
    assertThat(delivery.kind()).as(delivery.problem()).isEqualTo(WebhookKind.EVENTS);
    h.ingestion.ingestDelivery(delivery.key() == null ? DeliveryKey.of("delivery-" + index) : delivery.key(),
        delivery.events());
  }

  /** Runs the steps ("w0", "w1", "w2" = webhooks, "p" = a poll) and returns the one stored build. */
  private static Build play(String... steps) {
    try (PollingHarness h = harness()) {
      for (String step : steps) {
        if (step.equals("p")) {
          h.poll();
        } else {
          webhook(h, Integer.parseInt(step.substring(1)));
        }
      }
      assertThat(h.store.count()).isEqualTo(1);
      return h.store.find(ID).orElseThrow();
    }
  }

  @Test
  @DisplayName("webhooks first then a poll, a poll first then webhooks, and interleaved: one build, identical state")
  void convergesInAnyOrder() {
    Build webhooksFirst = play("w0", "w1", "w2", "p");
    Build pollFirst = play("p", "w0", "w1", "w2");
    Build interleaved = play("w2", "p", "w1", "w0");
    Build reversedWebhooks = play("w2", "w1", "w0", "p");
    Build pollOnly = play("p");
    Build webhooksOnly = play("w1", "w2");

    for (Build other : List.of(pollFirst, interleaved, reversedWebhooks, pollOnly, webhooksOnly)) {
      assertThat(other.sameStateAs(webhooksFirst)).as("%s%nvs%n%s", other, webhooksFirst).isTrue();
    }
    assertThat(webhooksFirst.status()).isEqualTo(BuildStatus.COMPLETED);
    assertThat(webhooksFirst.conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(webhooksFirst.workflow().name()).isEqualTo("test");
    assertThat(webhooksFirst.workflow().id()).isEqualTo(2823525L);
    assertThat(webhooksFirst.jobs()).singleElement().satisfies(job -> assertThat(job.id()).isEqualTo(289782451L));
    assertThat(webhooksFirst.isPlaceholder()).isFalse();
  }

  @Test
  @DisplayName("a redelivered webhook after the poll changes nothing")
  void redeliveryAfterPoll() {
    try (PollingHarness h = harness()) {
      webhook(h, 1);
      h.poll();
      List<Build> before = new ArrayList<>(List.of(h.store.find(ID).orElseThrow()));
      int changes = h.changes.size();
      webhook(h, 1);
      assertThat(h.changes).hasSize(changes);
      assertThat(h.store.find(ID).orElseThrow()).isEqualTo(before.get(0));
    }
  }
}

package dev.cicd.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cicd.core.Cicd;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.ingest.InboxSettings;
import dev.cicd.core.ingest.WebhookInbox;
import dev.cicd.core.store.BuildStore;
import dev.cicd.core.store.InMemoryBuildStore;
import dev.cicd.http.support.Checks;
import dev.cicd.http.support.Container;
import dev.cicd.http.support.FaultyStore;
import dev.cicd.http.support.Json;
import dev.cicd.http.support.RunningServer;
import dev.cicd.http.support.TestApp;
import dev.cicd.http.support.TestSource;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Webhooks with a transactional inbox ({@code webhookInbox}): 202 once stored raw, merged behind. */
class InboxWebhookTest {
  @Nested
  class Jetty extends Scenarios {
    @Override
    Container container() {
      return Container.JETTY;
    }
  }

  @Nested
  class Tomcat extends Scenarios {
    @Override
    Container container() {
      return Container.TOMCAT;
    }
  }

  abstract static class Scenarios {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final InMemoryBuildStore store = new InMemoryBuildStore();
    private Cicd cicd;
    private RunningServer server;

    abstract Container container();

    void start(InboxSettings settings, boolean merging) throws Exception {
      start(store, settings, merging, TestApp.defaultConfig());
    }

    void start(BuildStore buildStore, InboxSettings settings, boolean merging, HttpConfig.Builder config)
        throws Exception {
      cicd = Cicd.builder().store(buildStore).source(new TestSource(TestApp.receiver(TestApp.SECRET)))
          .webhookInbox(settings).build();
      if (merging) {
        cicd.start();
      }
      CicdDashboardServlet servlet = new CicdDashboardServlet(cicd, config.build());
      server = container().start(servlet, servlet.webhookServlet());
    }

    @AfterEach
    void stop() throws Exception {
      server.close();
      cicd.close();
    }

    HttpResponse<String> post(String deliveryId, long runId) throws Exception {
      HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(WebhookScenarios.ENDPOINT))
          .timeout(Duration.ofSeconds(20));
      return client.send(TestApp.signed(request, "workflow_run", deliveryId, WebhookScenarios.run(runId)).build(),
          HttpResponse.BodyHandlers.ofString());
    }

    WebhookInbox inbox() {
      return cicd.inbox().orElseThrow();
    }

    @Test
    @DisplayName("a delivery is answered 202 accepted once stored raw, then merged; a redelivery is a duplicate")
    void acceptsThenMerges() throws Exception {
      start(InboxSettings.defaults(), true);
      String delivery = UUID.randomUUID().toString();
      HttpResponse<String> response = post(delivery, 91);
      assertThat(response.statusCode()).isEqualTo(202);
      assertThat(Json.body(response).path("status").asText()).isEqualTo("accepted");
      assertThat(Json.body(response).path("deliveryId").asText()).isEqualTo(delivery);

      assertThat(inbox().awaitMerged(Duration.ofSeconds(10))).isTrue();
      assertThat(store.find(BuildId.github("octo-org/octo-repo", 91))).isPresent();
      assertThat(store.inboxSize()).isZero();

      HttpResponse<String> again = post(delivery, 91);
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(Json.body(again).path("status").asText()).isEqualTo("duplicate");

      JsonNode health = Json.body(client.send(HttpRequest.newBuilder(server.uri("health"))
          .header("Authorization", "Bearer " + TestApp.READ_TOKEN).build(),
          HttpResponse.BodyHandlers.ofString()));
      assertThat(health.path("components").path("inbox").path("status").asText()).isEqualTo("UP");
      assertThat(health.path("components").path("inbox").path("details").path("merged").asLong()).isEqualTo(1);
      String metrics = client.send(HttpRequest.newBuilder(server.uri("metrics"))
          .header("Authorization", "Bearer " + TestApp.READ_TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body();
      assertThat(metrics).contains("cicd_webhook_inbox_backlog 0", "cicd_webhook_inbox_merged_total 1",
          "cicd_webhook_inbox_lag_seconds 0");
    }

    @Test
    @DisplayName("past the backlog limit a delivery is refused with 503 and nothing of it is stored")
    void refusesWhenFull() throws Exception {
      start(InboxSettings.defaults().withMaxBacklog(1), false);
      assertThat(post(UUID.randomUUID().toString(), 92).statusCode()).isEqualTo(202);
      HttpResponse<String> refused = post(UUID.randomUUID().toString(), 93);
      Checks.problem(refused, 503);
      assertThat(refused.body()).contains("wait to be merged");
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      assertThat(store.inboxSize()).isEqualTo(1);
    }

    @Test
    @DisplayName("a hanging store: 503 at the webhook deadline; a delivery still queued then never reaches the store")
    void answersAtTheDeadlineWhenTheStoreHangs() throws Exception {
      FaultyStore faulty = FaultyStore.keepingInbox();
      start(faulty, InboxSettings.defaults(), true, TestApp.defaultConfig().webhookTimeout(Duration.ofSeconds(1)));
      String held = UUID.randomUUID().toString();
      String queued = UUID.randomUUID().toString();
      faulty.mode(FaultyStore.Mode.HANGING);
      HttpResponse<String> first = post(held, 94); // its append holds the inbox's writer in the store
      HttpResponse<String> second = post(queued, 95); // waits behind it until its deadline
      faulty.mode(FaultyStore.Mode.OK); // the held append fails now

      for (HttpResponse<String> refused : List.of(first, second)) {
        Checks.problem(refused, 503);
        assertThat(refused.body()).contains("did not answer in time");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      }
      assertThat(post(held, 94).statusCode()).isEqualTo(202);
      assertThat(post(queued, 95).statusCode()).as("a redelivery of what left the queue is no duplicate")
          .isEqualTo(202);
      assertThat(inbox().awaitMerged(Duration.ofSeconds(10))).isTrue();
      assertThat(faulty.find(BuildId.github("octo-org/octo-repo", 94))).isPresent();
      assertThat(faulty.find(BuildId.github("octo-org/octo-repo", 95))).isPresent();
      assertThat(faulty.inboxSize()).isZero();
    }
  }
}

package dev.cicd.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cicd.core.build.BuildId;
import dev.cicd.http.support.Checks;
import dev.cicd.http.support.Container;
import dev.cicd.http.support.FaultyStore;
import dev.cicd.http.support.Fixtures;
import dev.cicd.http.support.Json;
import dev.cicd.http.support.TestApp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * RELIABILITY.md §6.3 (O: idempotency, replay, ordering) and §6.10 D1/D2 (store down or hanging) over
 * real HTTP: a 2xx always means stored, a duplicate delivery is acknowledged and changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DeliveryScenarios {
  private static final AtomicLong RUN_IDS = new AtomicLong(8_000_000);

  TestApp app;

  abstract Container container();

  @BeforeAll
  void start() throws Exception {
    app = TestApp.start(container(), c -> c.webhookTimeout(Duration.ofSeconds(1)).webhookConcurrency(2));
  }

  @AfterAll
  void stop() throws Exception {
    app.close();
  }

  @AfterEach
  void healStore() {
    app.store.mode(FaultyStore.Mode.OK);
  }

  static long nextRunId() {
    return RUN_IDS.incrementAndGet();
  }

  static byte[] run(String fixture, long runId) {
    String text = new String(Fixtures.github("workflow_run/" + fixture), StandardCharsets.UTF_8);
    return text.replace("\"id\": 289782451", "\"id\": " + runId).getBytes(StandardCharsets.UTF_8);
  }

  JsonNode build(long runId) throws Exception {
    HttpResponse<String> response = app.get("api/builds/github:octo-org:octo-repo:" + runId);
    assertThat(response.statusCode()).isEqualTo(200);
    return Json.body(response);
  }

  @Test
  @DisplayName("O1/O2: the same delivery twice is 200 both times, stored once, the second marked duplicate")
  void sameDeliveryTwice() throws Exception {
    long runId = nextRunId();
    String delivery = UUID.randomUUID().toString();
    HttpResponse<String> first = app.webhook("workflow_run", delivery, run("completed.json", runId));
    long count = app.cicd.store().count();
    long version = app.cicd.store().find(BuildId.github("octo-org/octo-repo", runId)).orElseThrow().version();
    HttpResponse<String> second = app.webhook("workflow_run", delivery, run("completed.json", runId));

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(Json.body(first).path("status").asText()).isEqualTo("stored");
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(Json.body(second).path("status").asText()).isEqualTo("duplicate");
    assertThat(app.cicd.store().count()).isEqualTo(count);
    assertThat(app.cicd.store().find(BuildId.github("octo-org/octo-repo", runId)).orElseThrow().version())
        .isEqualTo(version);
  }

  @Test
  @DisplayName("O3: the same delivery on eight threads at once is 2xx everywhere and stored by exactly one")
  void sameDeliveryConcurrently() throws Exception {
    long runId = nextRunId();
    String delivery = UUID.randomUUID().toString();
    byte[] body = run("completed.json", runId);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(() -> app.webhook("workflow_run", delivery, body));
      }
      List<String> statuses = new ArrayList<>();
      for (Future<HttpResponse<String>> f : pool.invokeAll(calls)) {
        HttpResponse<String> response = f.get();
        if (response.statusCode() == 503) {
          continue; // the pool of two may refuse a burst: allowed, never a 2xx for an unstored delivery
        }
        assertThat(response.statusCode()).isEqualTo(200);
        statuses.add(Json.body(response).path("status").asText());
      }
      assertThat(statuses).containsOnlyOnce("stored").containsOnly("stored", "duplicate");
    } finally {
      pool.shutdownNow();
    }
    assertThat(app.cicd.store().find(BuildId.github("octo-org/octo-repo", runId))).isPresent();
  }

  @Test
  @DisplayName("O4: the same content under another delivery id is stored once at the domain level")
  void sameContentNewDelivery() throws Exception {
    long runId = nextRunId();
    app.webhook("workflow_run", UUID.randomUUID().toString(), run("completed.json", runId));
    long version = app.cicd.store().find(BuildId.github("octo-org/octo-repo", runId)).orElseThrow().version();
    HttpResponse<String> again = app.webhook("workflow_run", UUID.randomUUID().toString(), run("completed.json", runId));

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(Json.body(again).path("changed").asLong()).isZero();
    assertThat(app.cicd.store().find(BuildId.github("octo-org/octo-repo", runId)).orElseThrow().version())
        .isEqualTo(version);
  }

  @Test
  @DisplayName("O5: completed arriving before requested leaves the build completed")
  void completedBeforeRequested() throws Exception {
    long runId = nextRunId();
    app.webhook("workflow_run", UUID.randomUUID().toString(), run("completed.json", runId));
    HttpResponse<String> late = app.webhook("workflow_run", UUID.randomUUID().toString(), run("requested.json", runId));

    assertThat(late.statusCode()).isEqualTo(200);
    JsonNode build = build(runId);
    assertThat(build.path("status").asText()).isEqualTo("completed");
    assertThat(build.path("conclusion").asText()).isEqualTo("success");
  }

  @Test
  @DisplayName("D1: store down is a quick 503 with Retry-After; the redelivery is stored once it is back")
  void storeDown() throws Exception {
    long runId = nextRunId();
    String delivery = UUID.randomUUID().toString();
    app.store.mode(FaultyStore.Mode.DOWN);
    HttpResponse<String> refused = app.webhook("workflow_run", delivery, run("completed.json", runId));
    app.store.mode(FaultyStore.Mode.OK);

    Checks.problem(refused, 503);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(app.cicd.store().find(BuildId.github("octo-org/octo-repo", runId))).isEmpty();
    HttpResponse<String> redelivered = app.webhook("workflow_run", delivery, run("completed.json", runId));
    assertThat(redelivered.statusCode()).isEqualTo(200);
    assertThat(Json.body(redelivered).path("status").asText()).isEqualTo("stored");
  }

  @Test
  @DisplayName("D2: a hanging store gives 503 at the webhook deadline instead of a hung request")
  void storeHanging() throws Exception {
    long runId = nextRunId();
    String delivery = UUID.randomUUID().toString();
    app.store.mode(FaultyStore.Mode.HANGING);
    HttpResponse<String> refused = app.send(TestApp.signed(app.request("api/webhook/github-actions")
        .timeout(Duration.ofSeconds(8)), "workflow_run", delivery, run("completed.json", runId)));
    app.store.mode(FaultyStore.Mode.OK);

    Checks.problem(refused, 503);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    HttpResponse<String> redelivered = app.webhook("workflow_run", delivery, run("completed.json", runId));
    assertThat(redelivered.statusCode()).isEqualTo(200);
    assertThat(Json.body(redelivered).path("status").asText()).isIn("stored", "duplicate");
    assertThat(app.cicd.store().find(BuildId.github("octo-org/octo-repo", runId))).isPresent();
  }

  @Test
  @DisplayName("D2: the read API answers 503 with Retry-After while the store is down")
  void apiStoreDown() throws Exception {
    app.store.mode(FaultyStore.Mode.DOWN);
    HttpResponse<String> builds = app.get("api/builds");
    HttpResponse<String> summary = app.get("api/metrics/summary");
    HttpResponse<String> health = app.get("health");
    app.store.mode(FaultyStore.Mode.OK);

    Checks.problem(builds, 503);
    Checks.problem(summary, 503);
    assertThat(builds.headers().firstValue("Retry-After")).isPresent();
    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(Json.body(health).path("status").asText()).isEqualTo("DOWN");
  }
}

package dev.cicd.examples.standalone.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cicd.examples.standalone.e2e.Deliveries.Delivery;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a user runs it: a separate JVM on a temporary data directory, signed webhooks over
 * HTTP, the API to read them back, SIGKILL in the middle of a stream of deliveries, a restart on the same
 * directory, and SIGTERM at the end.
 */
class StandaloneJarIT {
  static final String SECRET = "e2e-webhook-secret";
  static final String TOKEN = "e2e-read-token-0123456789abcdef";
  static final int STORM_TARGET = 200;

  @TempDir
  Path dataDir;
  @TempDir
  Path logs;

  private final Deliveries deliveries = new Deliveries(SECRET, TOKEN);

  private Map<String, String> env() {
    return Map.of("CICD_PORT", "0", "CICD_DATA_DIR", dataDir.toString(), "CICD_GITHUB_WEBHOOK_SECRET", SECRET,
        "CICD_API_TOKEN", TOKEN);
  }

  @Test
  @DisplayName("every delivery acknowledged before a SIGKILL is found after the restart, and SIGTERM stops gracefully")
  void acknowledgedDeliveriesSurviveSigkill() throws Exception {
    List<Delivery> acknowledged = new ArrayList<>();
    int inFlightAtKill;
    try (AppProcess first = AppProcess.start(env(), logs.resolve("first.log"))) {
      System.out.println("first start (new H2 database): " + first.wallMillis + " ms from launching java, "
          + first.startMillis + " ms by the app's own measure");
      acknowledged.addAll(postFixtures(first.port));
      readBack(first.port);

      DeliveryStorm storm = new DeliveryStorm(deliveries, first.port, 5_000_000L);
      storm.start(4);
      Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
      while (storm.acknowledgedCount() < STORM_TARGET && Instant.now().isBefore(deadline)) {
        Thread.sleep(20);
      }
      first.kill();
      List<Delivery> stormAcknowledged = storm.stop();
      inFlightAtKill = storm.failed();
      acknowledged.addAll(stormAcknowledged);
      assertThat(stormAcknowledged).as("deliveries acknowledged before the kill").hasSizeGreaterThanOrEqualTo(STORM_TARGET);
      assertThat(first.process.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    }

    try (AppProcess second = AppProcess.start(env(), logs.resolve("second.log"))) {
      System.out.println("restart after SIGKILL: " + second.wallMillis + " ms from launching java, "
          + second.startMillis + " ms by the app's own measure");
      List<String> missing = new ArrayList<>();
      for (Delivery delivery : acknowledged) {
        if (!stored(second.port, delivery)) {
          missing.add(delivery.event() + " " + delivery.deliveryId() + " " + delivery.buildId());
        }
      }
      System.out.printf("acknowledged %d deliveries before SIGKILL (%d requests in flight or refused at the kill);"
          + " found %d after the restart%n", acknowledged.size(), inFlightAtKill, acknowledged.size() - missing.size());
      assertThat(missing).as("acknowledged deliveries missing after the restart").isEmpty();

      assertThat(healthCheck(second.port)).as("--healthcheck against the running app").isZero();
      assertThat(second.terminate()).as("exit code after SIGTERM").isEqualTo(143);
      assertThat(second.output()).contains("Web server stopped: no new requests accepted, requests in flight finished",
          "Outbox drained at shutdown", "Build store closed", "CI/CD dashboard stopped");
      assertThat(healthCheck(second.port)).as("--healthcheck once the app is gone").isEqualTo(1);
    }
  }

  @Test
  @DisplayName("a bad value stops the start with a message naming the variable")
  void badValue() throws Exception {
    Path log = logs.resolve("bad.log");
    Process process = AppProcess.command(Map.of("CICD_PORT", "eighty", "CICD_DATA_DIR", dataDir.toString()), log)
        .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(Files.readString(log)).contains("CICD_PORT must be a whole number from 0 to 65535, but was 'eighty'");
  }

  /** The fixtures exactly as GitHub sent them: a ping, two run events, five job events, three deployment statuses. */
  private List<Delivery> postFixtures(int port) throws Exception {
    HttpResponse<String> pong = deliveries.post(port, Deliveries.exact("ping", "ping/none.json"));
    assertThat(pong.statusCode()).isEqualTo(200);
    assertThat(Deliveries.status(pong)).isEqualTo("pong");
    List<Delivery> stored = new ArrayList<>();
    for (String[] fixture : new String[][] {{"workflow_run", "workflow_run/requested.json"},
        {"workflow_run", "workflow_run/completed.json"}, {"workflow_job", "workflow_job/queued.json"},
        {"workflow_job", "workflow_job/in_progress.json"}, {"workflow_job", "workflow_job/completed.json"},
        {"workflow_job", "workflow_job/waiting.json"}, {"workflow_job", "workflow_job/queued.1.json"},
        {"deployment_status", "deployment_status/created.json"},
        {"deployment_status", "deployment_status/created.1.json"},
        {"deployment_status", "deployment_status/created.2.json"}}) {
      Delivery delivery = Deliveries.exact(fixture[0], fixture[1]);
      HttpResponse<String> answer = deliveries.post(port, delivery);
      assertThat(answer.statusCode()).as(fixture[1] + ": " + answer.body()).isEqualTo(200);
      assertThat(Deliveries.status(answer)).as(fixture[1]).isEqualTo("stored");
      if (!delivery.event().equals("deployment_status")) {
        stored.add(delivery);
      }
    }
    return stored;
  }

  /** What the fixtures say, read back through the API. */
  private void readBack(int port) throws Exception {
    JsonNode run = json(deliveries.get(port, "/api/builds/github:octo-org:octo-repo:289782451"));
    JsonNode fixture = Deliveries.tree(Deliveries.fixture("workflow_run/completed.json")).path("workflow_run");
    assertThat(run.path("status").asText()).isEqualTo("completed");
    assertThat(run.path("conclusion").asText()).isEqualTo(fixture.path("conclusion").asText());
    assertThat(run.path("branch").asText()).isEqualTo(fixture.path("head_branch").asText());
    assertThat(run.path("commitSha").asText()).isEqualTo(fixture.path("head_sha").asText());

    JsonNode jobs = json(deliveries.get(port, "/api/builds/github:Codertocat:Hello-World:2202229078")).path("jobs");
    assertThat(jobs).hasSize(1);
    assertThat(jobs.get(0).path("id").asLong()).isEqualTo(289_782_451L);
    assertThat(jobs.get(0).path("status").asText()).as("queued, in progress and completed merged").isEqualTo("completed");

    JsonNode list = json(deliveries.get(port, "/api/builds?limit=10"));
    assertThat(list.path("items")).hasSize(3);
  }

  /** The delivery's build is there (with its job), and posting it again is answered as a duplicate. */
  private boolean stored(int port, Delivery delivery) throws Exception {
    HttpResponse<String> build = deliveries.get(port, "/api/builds/" + delivery.buildId());
    if (build.statusCode() != 200) {
      return false;
    }
    if (delivery.jobId() != 0) {
      boolean hasJob = false;
      for (JsonNode job : json(build).path("jobs")) {
        hasJob |= job.path("id").asLong() == delivery.jobId();
      }
      if (!hasJob) {
        return false;
      }
    }
    HttpResponse<String> again = deliveries.post(port, delivery);
    return again.statusCode() == 200 && Deliveries.status(again).equals("duplicate");
  }

  private int healthCheck(int port) throws Exception {
    Path log = logs.resolve("healthcheck-" + System.nanoTime() + ".log");
    Process process = AppProcess.command(Map.of("CICD_PORT", String.valueOf(port)), log, "--healthcheck").start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    System.out.println("--healthcheck: " + Files.readString(log).trim());
    return process.exitValue();
  }

  private static JsonNode json(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.uri() + ": " + response.body()).isEqualTo(200);
    return Deliveries.tree(response.body().getBytes(StandardCharsets.UTF_8));
  }
}

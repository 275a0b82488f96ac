package dev.cicd.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cicd.core.build.BuildId;
import dev.cicd.http.support.Checks;
import dev.cicd.http.support.Container;
import dev.cicd.http.support.Fixtures;
import dev.cicd.http.support.Json;
import dev.cicd.http.support.RawHttp;
import dev.cicd.http.support.Signer;
import dev.cicd.http.support.TestApp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RELIABILITY.md §6.1 (W) and §6.2 (P): webhook authentication, body limits and parsing, run against
 * a real container. Subclasses pick the container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebhookScenarios {
  static final String ENDPOINT = "api/webhook/github-actions";
  private static final AtomicLong RUN_IDS = new AtomicLong(7_000_000);

  TestApp app;

  abstract Container container();

  @BeforeAll
  void start() throws Exception {
    app = TestApp.start(container());
  }

  @AfterAll
  void stop() throws Exception {
    app.close();
  }

  /** The real workflow_run payload with a run id of its own, so tests do not share builds. */
  static byte[] run(long runId) {
    String text = new String(Fixtures.github("workflow_run/completed.json"), StandardCharsets.UTF_8);
    return text.replace("\"id\": 289782451", "\"id\": " + runId).getBytes(StandardCharsets.UTF_8);
  }

  static long nextRunId() {
    return RUN_IDS.incrementAndGet();
  }

  static String delivery() {
    return UUID.randomUUID().toString();
  }

  HttpRequest.Builder post(byte[] body) {
    return app.request(ENDPOINT).header("Content-Type", "application/json").header("X-GitHub-Event", "workflow_run")
        .header("X-GitHub-Delivery", delivery()).POST(HttpRequest.BodyPublishers.ofByteArray(body));
  }

  boolean stored(long runId) {
    return app.cicd.store().find(BuildId.github("octo-org/octo-repo", runId)).isPresent();
  }

  @Test
  @DisplayName("a signed real workflow_run delivery is stored before the 200, and the build is readable")
  void storesSignedDelivery() throws Exception {
    long runId = nextRunId();
    HttpResponse<String> response = app.webhook("workflow_run", delivery(), run(runId));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = Json.body(response);
    assertThat(body.path("status").asText()).isEqualTo("stored");
    assertThat(body.path("builds").get(0).asText()).isEqualTo("github:octo-org:octo-repo:" + runId);
    assertThat(stored(runId)).isTrue();
    Checks.apiHeaders(response);
  }

  @Test
  @DisplayName("W1: a valid signature of a different body (one byte changed) is refused with 401")
  void signatureOfOtherBody() throws Exception {
    long runId = nextRunId();
    byte[] body = run(runId);
    String signature = Signer.sign(TestApp.SECRET, body);
    body[body.length - 3] ^= 1;
    HttpResponse<String> response = app.send(post(body).header("X-Hub-Signature-256", signature));

    Checks.problem(response, 401);
    assertThat(stored(runId)).isFalse();
  }

  @Test
  @DisplayName("W2: a delivery without X-Hub-Signature-256 is refused with 401")
  void missingSignature() throws Exception {
    long runId = nextRunId();
    Checks.problem(app.send(post(run(runId))), 401);
    assertThat(stored(runId)).isFalse();
  }

  @Test
  @DisplayName("W3: only the legacy sha1 X-Hub-Signature is refused with 401")
  void legacySignatureOnly() throws Exception {
    long runId = nextRunId();
    HttpResponse<String> response = app.send(post(run(runId))
        .header("X-Hub-Signature", "sha1=0123456789abcdef0123456789abcdef01234567"));
    Checks.problem(response, 401);
    assertThat(stored(runId)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sha256=zz", "sha256=0123", "SHA256=%s", "sha256= %s", "%s", "sha256:%s",
      "sha256=%s,sha256=%s"})
  @DisplayName("W4: malformed signature headers are refused with 401, never a 500")
  void malformedSignature(String pattern) throws Exception {
    long runId = nextRunId();
    byte[] body = run(runId);
    String hex = Signer.sign(TestApp.SECRET, body).substring("sha256=".length());
    String header = pattern.replace("%s", hex);
    Checks.problem(app.send(post(body).header("X-Hub-Signature-256", header)), 401);
    assertThat(stored(runId)).isFalse();
  }

  @Test
  @DisplayName("W4: the signature header sent twice is refused with 401")
  void duplicateSignatureHeaders() throws Exception {
    long runId = nextRunId();
    byte[] body = run(runId);
    String signature = Signer.sign(TestApp.SECRET, body);
    String head = "POST /app/cicd/" + ENDPOINT + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "X-GitHub-Event: workflow_run\r\nX-GitHub-Delivery: " + delivery() + "\r\n"
        + "X-Hub-Signature-256: " + signature + "\r\nX-Hub-Signature-256: " + signature + "\r\n"
        + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
    RawHttp.Response response = RawHttp.exchange(app.server.port(), head, out -> out.write(body));

    assertThat(response.status()).isEqualTo(401);
    assertThat(stored(runId)).isFalse();
  }

  @Test
  @DisplayName("W5: a signature made with another secret is refused with 401")
  void wrongSecret() throws Exception {
    long runId = nextRunId();
    byte[] body = run(runId);
    Checks.problem(app.send(post(body).header("X-Hub-Signature-256", Signer.sign("another secret", body))), 401);
    assertThat(stored(runId)).isFalse();
  }

  @Test
  @DisplayName("W6: GitHub's test vector is accepted as authentic (then refused as not JSON, 400)")
  void gitHubTestVector() throws Exception {
    byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    assertThat(Signer.sign("It's a Secret to Everybody", body))
        .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    HttpResponse<String> response = app.send(post(body).header("X-Hub-Signature-256",
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"));
    Checks.problem(response, 400);
  }

  @Test
  @DisplayName("W7: non-ASCII text and odd whitespace, correctly signed, is stored as sent")
  void nonAsciiBody() throws Exception {
    long runId = nextRunId();
    String text = new String(run(runId), StandardCharsets.UTF_8)
        .replace("\"head_branch\": \"master\"", "\"head_branch\" :\t \"main-🚀-分支\"");
    HttpResponse<String> response = app.webhook("workflow_run", delivery(), text.getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode build = Json.body(app.get("api/builds/github:octo-org:octo-repo:" + runId));
    assertThat(build.path("branch").asText()).isEqualTo("main-🚀-分支");
  }

  @Test
  @DisplayName("a delivery without X-GitHub-Delivery, or with one too long, is refused with 400 saying which")
  void missingOrUnusableDeliveryId() throws Exception {
    assertThat(refusedDelivery(null).path("detail").asText()).contains("X-GitHub-Delivery) is required");
    assertThat(refusedDelivery("d".repeat(201)).path("detail").asText())
        .isEqualTo("invalid delivery headers: deliveryId must be 1 to 200 characters");
  }

  /** Posts a signed run with {@code deliveryId} (none when null); checks the 400 and that nothing was stored. */
  private JsonNode refusedDelivery(String deliveryId) throws Exception {
    long runId = nextRunId();
    byte[] body = run(runId);
    HttpRequest.Builder request = app.request(ENDPOINT).header("Content-Type", "application/json")
        .header("X-GitHub-Event", "workflow_run").header("X-Hub-Signature-256", Signer.sign(TestApp.SECRET, body));
    if (deliveryId != null) {
      request.header("X-GitHub-Delivery", deliveryId);
    }
    JsonNode problem = Checks.problem(app.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body))), 400);
    assertThat(stored(runId)).isFalse();
    return problem;
  }

  @Test
  @DisplayName("the webhook servlet mounted apart (/hooks/github-actions) stores deliveries too")
  void separateWebhookServlet() throws Exception {
    long runId = nextRunId();
    HttpResponse<String> response = app.send(TestApp.signed(
        HttpRequest.newBuilder(app.server.raw("/app/hooks/github-actions")), "workflow_run", delivery(), run(runId)));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(stored(runId)).isTrue();
  }

  @Test
  @DisplayName("GET on the webhook endpoint is 405; an unknown provider endpoint is 404")
  void wrongMethodAndEndpoint() throws Exception {
    HttpResponse<String> get = app.send(app.request(ENDPOINT).GET());
    Checks.problem(get, 405);
    assertThat(get.headers().firstValue("Allow")).hasValueSatisfying(a -> assertThat(a).contains("POST"));
    HttpResponse<String> unknown = app.send(app.request("api/webhook/gitlab")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
    Checks.problem(unknown, 404);
  }

  @Test
  @DisplayName("W8: without a webhook secret every delivery is refused (401); without a receiver the endpoint is 404")
  void failsClosedWithoutSecret() throws Exception {
    long runId = nextRunId();
    try (TestApp noSecret = TestApp.withReceiver(container(), TestApp.receiver(null));
        TestApp noReceiver = TestApp.withReceiver(container(), null)) {
      Checks.problem(noSecret.webhook("workflow_run", delivery(), run(runId)), 401);
      Checks.problem(noReceiver.webhook("workflow_run", delivery(), run(runId)), 404);
      assertThat(noSecret.cicd.store().count()).isZero();
      assertThat(noReceiver.cicd.store().count()).isZero();
    }
  }

  @Test
  @DisplayName("real workflow_job and deployment_status deliveries are stored")
  void jobsAndDeployments() throws Exception {
    for (String fixture : new String[] {"queued.json", "in_progress.json", "completed.json"}) {
      HttpResponse<String> response = app.webhook("workflow_job", delivery(), Fixtures.github("workflow_job/" + fixture));
      assertThat(response.statusCode()).as(fixture).isEqualTo(200);
    }
    JsonNode build = Json.body(app.get("api/builds/github:Codertocat:Hello-World:2202229078"));
    assertThat(build.path("jobs")).isNotEmpty();
    assertThat(build.path("jobs").get(0).path("name").asText()).isNotBlank();
    HttpResponse<String> deployment = app.webhook("deployment_status", delivery(),
        Fixtures.github("deployment_status/created.json"));
    assertThat(deployment.statusCode()).isEqualTo(200);
    assertThat(Json.body(deployment).path("status").asText()).isEqualTo("stored");
    assertThat(app.cicd.store().deploymentStatuses(null)).isNotEmpty();
  }
}

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
  @DisplayName("P1: a Content-Length over the cap (25 MB) is refused with 413 before the body is sent")
  void declaredLengthOverCap() throws Exception {
    String head = "POST /app/cicd/" + ENDPOINT + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "X-GitHub-Event: workflow_run\r\nX-GitHub-Delivery: " + delivery() + "\r\n"
        + "X-Hub-Signature-256: sha256=" + "0".repeat(64) + "\r\n"
        + "Content-Length: " + (HttpConfig.DEFAULT_MAX_WEBHOOK_BODY_BYTES + 1) + "\r\n\r\n";
    RawHttp.Response response = RawHttp.exchange(app.server.port(), head);

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  @DisplayName("P2: a chunked body growing past the cap is refused with 413, nothing stored")
  void chunkedBodyOverCap() throws Exception {
    long runId = nextRunId();
    byte[] valid = run(runId);
    String head = "POST /app/cicd/" + ENDPOINT + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "X-GitHub-Event: workflow_run\r\nX-GitHub-Delivery: " + delivery() + "\r\n"
        + "X-Hub-Signature-256: " + Signer.sign(TestApp.SECRET, valid) + "\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n";
    byte[] chunk = new byte[1024 * 1024];
    java.util.Arrays.fill(chunk, (byte) ' ');
    RawHttp.Response response = RawHttp.exchange(app.server.port(), head, out -> {
      String size = Integer.toHexString(valid.length) + "\r\n";
      out.write(size.getBytes(StandardCharsets.US_ASCII));
      out.write(valid);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < 26; i++) {
        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(chunk);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    });

    assertThat(response.status()).isEqualTo(413);
    assertThat(stored(runId)).isFalse();
  }

  @Test
  @DisplayName("P3: a form-encoded delivery is refused with 415, never mis-parsed")
  void formEncoded() throws Exception {
    long runId = nextRunId();
    byte[] body = ("payload=" + java.net.URLEncoder.encode(new String(run(runId), StandardCharsets.UTF_8),
        StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response = app.send(app.request(ENDPOINT)
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-GitHub-Event", "workflow_run")
        .header("X-GitHub-Delivery", delivery()).header("X-Hub-Signature-256", Signer.sign(TestApp.SECRET, body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    Checks.problem(response, 415);
    assertThat(stored(runId)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"truncated", "deep", "duplicate-keys", "wrong-types"})
  @DisplayName("P4, P5, P8, P9: signed but unusable payloads are refused with 400 and store nothing")
  void unusablePayloads(String kind) throws Exception {
    long runId = nextRunId();
    String valid = new String(run(runId), StandardCharsets.UTF_8);
    String body = switch (kind) {
      case "truncated" -> valid.substring(0, valid.length() / 2);
      case "deep" -> "[".repeat(10_000) + "]".repeat(10_000);
      case "duplicate-keys" -> valid.replace("\"conclusion\": \"success\"",
          "\"conclusion\": \"success\", \"conclusion\": \"failure\"");
      default -> valid.replace("\"id\": " + runId, "\"id\": \"abc\"");
    };
    HttpResponse<String> response = app.webhook("workflow_run", delivery(), body.getBytes(StandardCharsets.UTF_8));
    Checks.problem(response, 400);
    assertThat(stored(runId)).isFalse();
  }

  @Test
  @DisplayName("P13: an unknown event is acknowledged with 202 ignored, counted, and stores nothing")
  void unknownEvent() throws Exception {
    long before = app.cicd.store().count();
    HttpResponse<String> response = app.webhook("star", delivery(), Fixtures.github("push/none.json"));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(Json.body(response).path("status").asText()).isEqualTo("ignored");
    assertThat(app.cicd.store().count()).isEqualTo(before);
    String metrics = app.get("metrics").body();
    assertThat(metrics).containsPattern("cicd_webhook_deliveries_total\\{provider=\"github\",outcome=\"ignored\"} [1-9]");
  }

  @Test
  @DisplayName("P14: a ping is answered 200 and stores nothing")
  void ping() throws Exception {
    long before = app.cicd.store().count();
    HttpResponse<String> response = app.webhook("ping", delivery(), Fixtures.github("ping/none.json"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Json.body(response).path("status").asText()).isEqualTo("pong");
    assertThat(app.cicd.store().count()).isEqualTo(before);
  }

  @Test
  @DisplayName("a delivery without X-GitHub-Delivery is refused with 400")
  void missingDeliveryId() throws Exception {
    long runId = nextRunId();
    byte[] body = run(runId);
    HttpResponse<String> response = app.send(app.request(ENDPOINT).header("Content-Type", "application/json")
        .header("X-GitHub-Event", "workflow_run").header("X-Hub-Signature-256", Signer.sign(TestApp.SECRET, body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    Checks.problem(response, 400);
    assertThat(stored(runId)).isFalse();
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
}

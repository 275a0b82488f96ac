package dev.cicd.http;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RELIABILITY.md §6.2 (P): webhook body limits, content types, unusable payloads and events that are
 * acknowledged without being stored, against a real container and the real GitHub receiver.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PayloadScenarios {
  static final String ENDPOINT = WebhookScenarios.ENDPOINT;

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

  static byte[] run(long runId) {
    return WebhookScenarios.run(runId);
  }

  static long nextRunId() {
    return WebhookScenarios.nextRunId();
  }

  static String delivery() {
    return WebhookScenarios.delivery();
  }

  boolean stored(long runId) {
    return app.cicd.store().find(dev.cicd.core.build.BuildId.github("octo-org/octo-repo", runId)).isPresent();
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
  @DisplayName("P15: a known event with an unknown future action is acknowledged 202 and stores nothing")
  void unknownAction() throws Exception {
    long runId = nextRunId();
    String body = new String(run(runId), StandardCharsets.UTF_8).replace("\"action\": \"completed\"",
        "\"action\": \"teleported\"");
    HttpResponse<String> response = app.webhook("workflow_run", delivery(), body.getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(Json.body(response).path("action").asText()).isEqualTo("teleported");
    assertThat(stored(runId)).isFalse();
  }

  @Test
  @DisplayName("P16: fifty connections trickling a request head do not keep a real delivery from being stored")
  void slowLoris() throws Exception {
    java.util.List<java.net.Socket> sockets = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        java.net.Socket socket = new java.net.Socket("127.0.0.1", app.server.port());
        socket.getOutputStream().write(("POST /app/cicd/" + ENDPOINT + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        sockets.add(socket);
      }
      long runId = nextRunId();
      HttpResponse<String> response = app.webhook("workflow_run", delivery(), run(runId));
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(stored(runId)).isTrue();
    } finally {
      for (java.net.Socket socket : sockets) {
        socket.close();
      }
    }
  }
}

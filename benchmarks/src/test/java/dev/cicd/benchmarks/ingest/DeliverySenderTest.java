package dev.cicd.benchmarks.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeliverySenderTest {
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"okhttp", "jdk"})
  @DisplayName("both clients post the signed body with GitHub's headers and report the answer")
  void postsSignedDelivery(String client) throws Exception {
    server.enqueue(new MockResponse.Builder().code(202).body("{\"status\":\"accepted\"}").build());
    Payloads.Delivery delivery = new Payloads(IngestServer.SECRET).run("d-1", 77);
    try (DeliverySender sender = DeliverySender.create(client, URI.create(server.url("/hook").toString()), 2)) {
      DeliverySender.Answer answer = sender.send(delivery);
      assertThat(answer.status()).isEqualTo(202);
      assertThat(answer.stored()).isTrue();
    }
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(request.getHeaders().get("X-GitHub-Event")).isEqualTo("workflow_run");
    assertThat(request.getHeaders().get("X-GitHub-Delivery")).isEqualTo("d-1");
    assertThat(request.getHeaders().get("X-GitHub-Hook-ID")).isEqualTo("4242");
    assertThat(request.getHeaders().get("X-Hub-Signature-256")).isEqualTo(delivery.signature());
    assertThat(request.getBody().toByteArray()).isEqualTo(delivery.body());
  }

  @Test
  @DisplayName("only 200 'stored' and 202 'accepted' count as acknowledged")
  void acknowledgedAnswers() {
    assertThat(new DeliverySender.Answer(200, "{\"status\":\"stored\"}").stored()).isTrue();
    assertThat(new DeliverySender.Answer(202, "{\"status\":\"accepted\"}").stored()).isTrue();
    assertThat(new DeliverySender.Answer(200, "{\"status\":\"duplicate\"}").stored()).isFalse();
    assertThat(new DeliverySender.Answer(202, "{\"status\":\"ignored\"}").stored()).isFalse();
    assertThat(new DeliverySender.Answer(503, "{\"status\":\"stored\"}").stored()).isFalse();
  }

  @Test
  @DisplayName("OkHttp never sends a delivery again behind the generator's back when a kept connection fails")
  void okHttpDoesNotRetry() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"status\":\"stored\"}").build());
    server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(new MockResponse.Builder().code(200).body("{\"status\":\"stored\"}").build());
    Payloads payloads = new Payloads(IngestServer.SECRET);
    try (DeliverySender sender = DeliverySender.create("okhttp", URI.create(server.url("/hook").toString()), 2)) {
      assertThat(sender.send(payloads.job("d-1", 1, 10)).stored()).isTrue();
      assertThatThrownBy(() -> sender.send(payloads.job("d-2", 1, 11))).isInstanceOf(IOException.class);
    }
    assertThat(server.getRequestCount()).as("d-2 was posted once").isEqualTo(2);
  }

  @Test
  @DisplayName("OkHttp's sockets send at once (TCP_NODELAY), not after the server's delayed ACK")
  void okHttpSocketsHaveNoDelay() throws Exception {
    try (java.net.Socket socket = new OkHttpSender.NoDelaySockets().createSocket()) {
      assertThat(socket.getTcpNoDelay()).isTrue();
    }
    try (java.net.Socket socket = new OkHttpSender.NoDelaySockets().createSocket("127.0.0.1", server.getPort())) {
      assertThat(socket.isConnected()).isTrue();
      assertThat(socket.getTcpNoDelay()).isTrue();
    }
  }

  @Test
  @DisplayName("an unknown client is refused by name")
  void unknownClient() {
    assertThatThrownBy(() -> DeliverySender.create("curl", URI.create("http://127.0.0.1:1/"), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cicd.bench.client")
        .hasMessageContaining("curl");
  }
}

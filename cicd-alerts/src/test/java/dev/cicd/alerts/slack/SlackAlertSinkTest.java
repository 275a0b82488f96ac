package dev.cicd.alerts.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cicd.alerts.Notifications;
import dev.cicd.core.alert.AlertDispatcher;
import dev.cicd.core.alert.AlertSinkHealth;
import dev.cicd.core.alert.DeliveryAttemptResult;
import dev.cicd.core.alert.InMemoryAlertStore;
import dev.cicd.core.alert.NotificationKind;
import dev.cicd.core.alert.OutboxEntry;
import dev.cicd.core.alert.OutboxStatus;
import dev.cicd.core.testing.MutableClock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Slack channel against MockWebServer over real HTTP (RELIABILITY §6.6 X1/X3/X4/X7/X9, §6.8 S1–S5). */
class SlackAlertSinkTest {
  private static final String SECRET_PATH = "/services/T000/B000/XXXXsecretXXXX";

  private final MockWebServer server = new MockWebServer();
  private final ObjectMapper json = new ObjectMapper();
  private final MutableClock clock = MutableClock.at("2025-03-10T10:00:00Z");
  private SlackConfig config;

  @BeforeEach
  void start() throws Exception {
    server.start();
    config = SlackConfig.builder().webhookUrl(server.url(SECRET_PATH).toString()).minInterval(Duration.ZERO)
        .callTimeout(Duration.ofSeconds(2)).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static MockResponse status(int code, String body) {
    return new MockResponse.Builder().code(code).body(body).build();
  }

  private JsonNode body(RecordedRequest request) throws Exception {
    return json.readTree(request.getBody().utf8());
  }

  @Test
  @DisplayName("posts Block Kit with a text fallback, escaping & < > in every dynamic value")
  void escapesEverything() throws Exception {
    server.enqueue(status(200, "ok"));
    String hugeTitle = "<https://evil.example|Fix CI> & more ".repeat(3_000);
    var item = Notifications.item(NotificationKind.FIRING, "<@U123> deploy", "<!channel>", hugeTitle,
        "https://github.com/octo/api/actions/runs/42?a=1&b=2");
    var result = new SlackAlertSink(config, clock).send(Notifications.notice(NotificationKind.FIRING, 0, "slack", item));

    assertThat(result).isEqualTo(DeliveryAttemptResult.delivered());
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    String raw = request.getBody().utf8();
    assertThat(raw).doesNotContain("<!channel>").doesNotContain("<@U123>").doesNotContain("<https://evil");
    JsonNode body = body(request);
    assertThat(body.get("text").asText()).contains("&lt;!channel&gt;").startsWith("FIRING: octo/api/&lt;@U123&gt; deploy@");
    JsonNode blocks = body.get("blocks");
    assertThat(blocks.size()).isLessThanOrEqualTo(50);
    assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
    for (JsonNode block : blocks) {
      if (block.has("text")) {
        assertThat(block.get("text").get("text").asText().length()).isLessThanOrEqualTo(3_000);
      }
      for (JsonNode field : block.path("fields")) {
        assertThat(field.get("text").asText().length()).isLessThanOrEqualTo(2_000);
      }
    }
    String section = blocks.get(1).toString();
    assertThat(section).contains("*Branch*\\n&lt;!channel&gt;").contains("*Actor*\\noctocat").contains("4m 5s")
        .contains("&lt;https://evil.example|Fix CI&gt; &amp; more");
    assertThat(blocks.get(2).toString())
        .contains("<https://github.com/octo/api/actions/runs/42?a=1&amp;b=2|View run>")
        .contains(Notifications.key(NotificationKind.FIRING, 0, "slack"));
  }

  @Test
  @DisplayName("a link outside the allowed prefixes (javascript:, other hosts) is not rendered")
  void unsafeLinks() throws Exception {
    server.enqueue(status(200, "ok"));
    var item = Notifications.item(NotificationKind.FIRING, "CI", "main", "t", "javascript:alert(1)");
    new SlackAlertSink(config, clock).send(Notifications.notice(NotificationKind.FIRING, 0, "slack", item));
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8()).doesNotContain("javascript")
        .doesNotContain("View run");
  }

  @Test
  @DisplayName("S1: 429 with Retry-After 3 is retried no earlier than 3 s later and delivered once")
  void retryAfter() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "3").body("rate_limited").build());
    server.enqueue(status(200, "ok"));
    InMemoryAlertStore store = new InMemoryAlertStore();
    Notifications.enqueue(store, "slack", clock.instant());
    AlertDispatcher dispatcher = AlertDispatcher.builder().store(store).sink(new SlackAlertSink(config, clock))
        .clock(clock).build();
    dispatcher.runOnce();
    clock.advance(Duration.ofMillis(2_999));
    dispatcher.runOnce();
    assertThat(server.getRequestCount()).isEqualTo(1);
    clock.advance(Duration.ofMillis(1));
    dispatcher.runOnce();
    assertThat(server.getRequestCount()).isEqualTo(2);
    OutboxEntry row = store.outbox(null, 1).get(0);
    assertThat(row.status()).isEqualTo(OutboxStatus.SENT);
    assertThat(row.attempts()).isEqualTo(2);
    dispatcher.runOnce();
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  @DisplayName("S3: 500 then 200 is retried with backoff and delivered once")
  void serverErrorThenOk() {
    server.enqueue(status(500, "rollup_error"));
    server.enqueue(status(200, "ok"));
    InMemoryAlertStore store = new InMemoryAlertStore();
    Notifications.enqueue(store, "slack", clock.instant());
    AlertDispatcher dispatcher = AlertDispatcher.builder().store(store).sink(new SlackAlertSink(config, clock))
        .clock(clock).initialBackoff(Duration.ofSeconds(10)).build();
    dispatcher.runOnce();
    OutboxEntry retrying = store.outbox(null, 1).get(0);
    assertThat(retrying.lastError()).isEqualTo("HTTP 500: rollup_error");
    assertThat(retrying.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(10));
    assertThat(dispatcher.health().get(0).status()).isEqualTo(AlertSinkHealth.Status.FAILING);
    clock.advance(Duration.ofSeconds(10));
    dispatcher.runOnce();
    assertThat(store.outbox(null, 1).get(0).status()).isEqualTo(OutboxStatus.SENT);
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(dispatcher.health().get(0).status()).isEqualTo(AlertSinkHealth.Status.OK);
  }

  @Test
  @DisplayName("S5: 404 channel_not_found is permanent, marks the channel broken and never shows the webhook URL")
  void notFoundIsPermanent() {
    server.enqueue(status(404, "channel_not_found"));
    InMemoryAlertStore store = new InMemoryAlertStore();
    Notifications.enqueue(store, "slack", clock.instant());
    SlackAlertSink sink = new SlackAlertSink(config, clock);
    AlertDispatcher dispatcher = AlertDispatcher.builder().store(store).sink(sink).clock(clock).build();
    dispatcher.runOnce();
    clock.advance(Duration.ofHours(1));
    dispatcher.runOnce();
    OutboxEntry row = store.outbox(null, 1).get(0);
    assertThat(row.status()).isEqualTo(OutboxStatus.FAILED);
    assertThat(row.lastError()).isEqualTo("HTTP 404: channel_not_found");
    assertThat(server.getRequestCount()).isEqualTo(1);
    AlertSinkHealth health = dispatcher.health().get(0);
    assertThat(health.status()).isEqualTo(AlertSinkHealth.Status.BROKEN);
    assertThat(health.detail()).contains("channel_not_found").doesNotContain("secret");
    assertThat(sink.toString()).doesNotContain("secret");
    assertThat(config.toString()).doesNotContain("secret").contains("/***");
  }

  @Test
  @DisplayName("S4: 400 invalid_payload gets one text-only attempt")
  void invalidPayloadFallsBackToText() throws Exception {
    server.enqueue(status(400, "invalid_blocks"));
    server.enqueue(status(200, "ok"));
    var result = new SlackAlertSink(config, clock).send(Notifications.notice(NotificationKind.FIRING, 0, "slack", null));
    assertThat(result).isInstanceOf(DeliveryAttemptResult.Delivered.class);
    assertThat(((DeliveryAttemptResult.Delivered) result).note()).contains("text only");
    server.takeRequest(5, TimeUnit.SECONDS);
    JsonNode second = body(server.takeRequest(5, TimeUnit.SECONDS));
    assertThat(second.has("blocks")).isFalse();
    assertThat(second.get("text").asText()).startsWith("FIRING:");
  }

  @Test
  @DisplayName("S3: a timeout is a temporary failure")
  void timeout() {
    server.enqueue(new MockResponse.Builder().code(200).headersDelay(5, TimeUnit.SECONDS).build());
    SlackConfig fast = config.toBuilder().callTimeout(Duration.ofMillis(300)).build();
    var result = new SlackAlertSink(fast, clock).send(Notifications.notice(NotificationKind.FIRING, 0, "slack", null));
    assertThat(result).isInstanceOf(DeliveryAttemptResult.RetryLater.class);
    assertThat(((DeliveryAttemptResult.RetryLater) result).retryAfter()).isNull();
  }

  @Test
  @DisplayName("a test notification goes through the configured channel")
  void testNotification() throws Exception {
    server.enqueue(status(200, "ok"));
    AlertDispatcher dispatcher = AlertDispatcher.builder().store(new InMemoryAlertStore())
        .sink(new SlackAlertSink(config, clock)).clock(clock).build();
    assertThat(dispatcher.sendTest("slack")).isEqualTo(DeliveryAttemptResult.delivered());
    assertThat(body(server.takeRequest(5, TimeUnit.SECONDS)).get("blocks").get(0).toString())
        .contains("Test notification");
  }
}

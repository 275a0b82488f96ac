package dev.cicd.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cicd.core.alert.NotificationKind;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.ingest.RunUpdate;
import dev.cicd.http.support.Checks;
import dev.cicd.http.support.Container;
import dev.cicd.http.support.Json;
import dev.cicd.http.support.RawHttp;
import dev.cicd.http.support.SseReader;
import dev.cicd.http.support.TestApp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The alert endpoints over the core alert engine, and alert changes as metrics, health and live updates. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AlertScenarios {
  static final String VALID = """
      {"rules": [
         {"id": "main-failed", "type": "failed", "scope": {"branches": ["main"]}, "receivers": ["team"],
          "parameters": {"recoverAfter": 2}},
         {"id": "three-in-a-row", "type": "consecutive-failures", "scope": {"repositories": ["octo-org/*"],
          "branches": ["*"]}, "parameters": {"count": "3"}}],
       "receivers": [{"id": "team", "channel": "recording", "sendResolved": true,
          "quietHours": {"zone": "Europe/Berlin", "start": "22:00", "end": "07:00"}},
         {"id": "ops", "channel": "log", "sendResolved": false}],
       "groupWait": "PT10S", "repeatInterval": "PT4H"}
      """;

  TestApp app;

  abstract Container container();

  @BeforeAll
  void start() throws Exception {
    app = TestApp.withAlerting(container(), c -> c.alertEventsInterval(Duration.ofMillis(100)));
  }

  @AfterAll
  void stop() throws Exception {
    app.close();
  }

  HttpResponse<String> post(String path, String token, String body) throws Exception {
    return app.send(app.request(path).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  void build(long runId, Conclusion conclusion, int minutesAgo) {
    app.ingest(List.of(RunUpdate.builder(BuildId.github("octo-org/alerting", runId)).workflowName("CI").branch("main")
        .runNumber(runId).status(BuildStatus.COMPLETED).conclusion(conclusion)
        .createdAt(TestApp.NOW.minusSeconds(minutesAgo * 60L + 120)).startedAt(TestApp.NOW.minusSeconds(minutesAgo * 60L + 100))
        .updatedAt(TestApp.NOW.minusSeconds(minutesAgo * 60L)).build()));
  }

  @Test
  @DisplayName("without alerting the alert endpoints answer 501 after authentication")
  void notConfigured() throws Exception {
    try (TestApp plain = TestApp.start(container())) {
      Checks.problem(plain.get("api/alerts"), 501);
      Checks.problem(plain.send(plain.request("api/alerts")), 401);
    }
  }

  @Test
  @DisplayName("configure validates and replaces the rules and receivers; GET shows them without secrets")
  void configure() throws Exception {
    HttpResponse<String> response = post("api/alerts/configure", TestApp.ADMIN_TOKEN, VALID);
    JsonNode stored = Json.body(response);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(stored.path("rules")).hasSize(2);
    assertThat(stored.path("rules").get(0).path("parameters").path("recoverAfter").asText()).isEqualTo("2");
    assertThat(stored.path("receivers").get(0).path("quietHours").path("zone").asText()).isEqualTo("Europe/Berlin");
    assertThat(stored.path("groupWait").asText()).isEqualTo("PT10S");
    assertThat(app.alerting.engine().config().rules()).hasSize(2);
    JsonNode listed = Json.body(app.get("api/alerts")).path("config");
    assertThat(listed).isEqualTo(stored);
    assertThat(Json.body(app.get("api/alerts")).path("channels").findValuesAsText("id"))
        .containsExactlyInAnyOrder("recording", "log");
  }

  @Test
  @DisplayName("an invalid configuration is 400 listing every problem, and changes nothing")
  void invalidConfiguration() throws Exception {
    post("api/alerts/configure", TestApp.ADMIN_TOKEN, VALID);
    String bad = """
        {"rules": [{"id": "x", "type": "no-such-type"},
                   {"id": "y", "type": "failed", "receivers": ["nobody"]},
                   {"type": "failed"},
                   {"id": "z", "type": "consecutive-failures", "parameters": {"count": "many"}}],
         "receivers": [{"id": "team", "channel": "pagerduty"}],
         "groupWait": "soon", "colour": "red"}
        """;
    JsonNode problem = Checks.problem(post("api/alerts/configure", TestApp.ADMIN_TOKEN, bad), 400);
    List<String> errors = new ArrayList<>();
    problem.path("errors").forEach(e -> errors.add(e.asText()));

    assertThat(errors).anyMatch(e -> e.startsWith("rules[0]") && e.contains("no-such-type"));
    assertThat(errors).anyMatch(e -> e.startsWith("rules[2].id"));
    assertThat(errors).anyMatch(e -> e.startsWith("rules[3]") && e.contains("many"));
    assertThat(errors).anyMatch(e -> e.startsWith("groupWait"));
    assertThat(errors).anyMatch(e -> e.startsWith("colour"));
    assertThat(app.alerting.engine().config().rules()).extracting(r -> r.id())
        .containsExactly("main-failed", "three-in-a-row");

    JsonNode crossRef = Checks.problem(post("api/alerts/configure", TestApp.ADMIN_TOKEN,
        "{\"rules\": [{\"id\": \"y\", \"type\": \"failed\", \"receivers\": [\"nobody\"]}],"
            + " \"receivers\": [{\"id\": \"team\", \"channel\": \"pagerduty\"}]}"), 400);
    assertThat(crossRef.path("errors").toString()).contains("pagerduty", "nobody");

    // the configuration is replaced as a whole: a body without rules would have removed every rule
    JsonNode noRules = Checks.problem(post("api/alerts/configure", TestApp.ADMIN_TOKEN, "{}"), 400);
    assertThat(noRules.path("errors").toString()).contains("rules is required");
    assertThat(app.alerting.engine().config().rules()).extracting(r -> r.id())
        .containsExactly("main-failed", "three-in-a-row");
  }

  @Test
  @DisplayName("configure is bounded and admin-only: 403 for the read token, 415, 400 for hostile JSON, 413")
  void configureIsGuarded() throws Exception {
    var rulesBefore = app.alerting.engine().config().rules();
    Checks.problem(post("api/alerts/configure", TestApp.READ_TOKEN, VALID), 403);
    Checks.problem(app.send(app.request("api/alerts/configure").header("Authorization", "Bearer " + TestApp.ADMIN_TOKEN)
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(VALID))), 415);
    Checks.problem(post("api/alerts/configure", TestApp.ADMIN_TOKEN, "[".repeat(5_000) + "]".repeat(5_000)), 400);
    Checks.problem(post("api/alerts/configure", TestApp.ADMIN_TOKEN, "{\"rules\": [], \"rules\": []}"), 400);
    Checks.problem(post("api/alerts/configure", TestApp.ADMIN_TOKEN, "{\"rules\": [] } trailing"), 400);
    // The declared length alone is refused before any body is read. (A body actually sent races the refusal, and
    // JDK 17's HttpClient with Expect: 100-continue never returns when the server answers 413 instead of 100.)
    String head = "POST /app/cicd/api/alerts/configure HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Authorization: Bearer " + TestApp.ADMIN_TOKEN + "\r\nContent-Type: application/json\r\n"
        + "Content-Length: 70000\r\n\r\n";
    RawHttp.Response tooLarge = RawHttp.exchange(app.server.port(), head);
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.header("Content-Type")).startsWith("application/problem+json");
    assertThat(app.alerting.engine().config().rules()).isEqualTo(rulesBefore);
  }

  @Test
  @DisplayName("a test notification goes through the named channel; unknown and refusing channels are 400 and 502")
  void testNotification() throws Exception {
    int before = app.sink.received().size();
    HttpResponse<String> sent = post("api/alert/test", TestApp.ADMIN_TOKEN, "{\"channel\": \"recording\"}");

    assertThat(sent.statusCode()).isEqualTo(200);
    assertThat(Json.body(sent).path("status").asText()).isEqualTo("delivered");
    assertThat(app.sink.received()).hasSize(before + 1);
    assertThat(app.sink.received().get(before).kind()).isEqualTo(NotificationKind.TEST);
    JsonNode unknown = Checks.problem(post("api/alert/test", TestApp.ADMIN_TOKEN, "{\"channel\": \"fax\"}"), 400);
    assertThat(unknown.path("detail").asText()).contains("recording");
    app.sink.refusing(true);
    try {
      Checks.problem(post("api/alert/test", TestApp.ADMIN_TOKEN, "{\"channel\": \"recording\"}"), 502);
    } finally {
      app.sink.refusing(false);
    }
    Checks.problem(post("api/alert/test", TestApp.READ_TOKEN, "{\"channel\": \"recording\"}"), 403);
  }

  @Test
  @DisplayName("a failure on main fires an alert seen in api/alerts, /metrics, /health and as a live update")
  void firingAlert() throws Exception {
    post("api/alerts/configure", TestApp.ADMIN_TOKEN,
        "{\"rules\": [{\"id\": \"main-failed\", \"type\": \"failed\", \"scope\": {\"branches\": [\"main\"]}}]}");
    try (SseReader reader = SseReader.open(app.client, app.request("api/events")
        .header("Authorization", "Bearer " + TestApp.READ_TOKEN).build())) {
      assertThat(reader.next(":comment", 5_000)).isNotNull();
      build(501, Conclusion.SUCCESS, 30);
      build(502, Conclusion.FAILURE, 20);

      SseReader.Event event = reader.next("alert", 10_000);
      assertThat(event).isNotNull();
      JsonNode alert = Json.parse(event.data()).path("alert");
      assertThat(alert.path("to").asText()).isIn("pending", "firing");
      assertThat(alert.path("repository").asText()).isEqualTo("octo-org/alerting");
    }
    JsonNode alerts = Json.body(app.get("api/alerts"));
    assertThat(alerts.path("open").findValuesAsText("ruleId")).contains("main-failed");
    assertThat(alerts.path("open").get(0).path("state").asText()).isEqualTo("firing");
    assertThat(alerts.path("history")).isNotEmpty();
    assertThat(alerts.path("outbox").path("pending").asLong()).isPositive();
    String metrics = app.get("metrics").body();
    assertThat(metrics).contains("cicd_alerts_firing{rule=\"main-failed\"} 1");
    assertThat(metrics).containsPattern("cicd_alert_outbox\\{status=\"pending\"} [1-9]");
    assertThat(metrics).contains("cicd_alert_channel_up{channel=\"recording\",type=\"recording\"} 1");
    JsonNode health = Json.body(app.get("health"));
    assertThat(health.path("components").path("alerts").path("details").path("outboxPending").asLong()).isPositive();
    Checks.problem(app.get("api/alerts?fingerprint=nothex"), 400);
  }
}

package dev.cicd.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.ingest.RunUpdate;
import dev.cicd.core.source.WebhookDelivery;
import dev.cicd.core.source.WebhookKind;
import dev.cicd.core.source.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Scenarios P3–P15 of RELIABILITY.md §6.2: authentic but unusable bodies give INVALID, never an exception. */
class MalformedPayloadTest {
  private final GitHubWebhookReceiver receiver = Fixtures.receiver();

  private WebhookDelivery receive(String event, String body) {
    return receiver.receive(Fixtures.signed(event, body));
  }

  @Test
  @DisplayName("P4 truncated JSON is invalid with a clear message")
  void truncated() {
    String full = Fixtures.text("webhooks/workflow_run/completed.json");
    WebhookDelivery delivery = receive("workflow_run", full.substring(0, full.length() / 2));
    assertThat(delivery.kind()).isEqualTo(WebhookKind.INVALID);
    assertThat(delivery.problem()).startsWith("invalid payload: malformed JSON");
  }

  @Test
  @DisplayName("P5 nesting 10,000 levels deep hits the depth limit, no StackOverflowError")
  void deepNesting() {
    String body = "{\"action\":\"completed\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
    WebhookDelivery delivery = receive("workflow_run", body);
    assertThat(delivery.kind()).isEqualTo(WebhookKind.INVALID);
    assertThat(delivery.problem()).contains("parser limit");
  }

  @Test
  @DisplayName("P6 a string longer than the limit is invalid")
  void longString() {
    String body = "{\"action\":\"completed\",\"x\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}";
    WebhookDelivery delivery = receive("workflow_run", body);
    assertThat(delivery.kind()).isEqualTo(WebhookKind.INVALID);
    assertThat(delivery.problem()).contains("parser limit");
  }

  @Test
  @DisplayName("P7 a 10,000-digit run id is invalid")
  void longNumber() {
    WebhookDelivery delivery = receive("workflow_run", WebhookBodies.run("\"id\": " + "9".repeat(10_000), true));
    assertThat(delivery.kind()).isEqualTo(WebhookKind.INVALID);
    assertThat(delivery.problem()).contains("parser limit");
  }

  @Test
  @DisplayName("P8 duplicate keys are invalid, never last-wins")
  void duplicateKeys() {
    WebhookDelivery delivery = receive("workflow_run",
        WebhookBodies.run("\"conclusion\": \"success\", \"conclusion\": \"failure\"", true));
    assertThat(delivery.kind()).isEqualTo(WebhookKind.INVALID);
    assertThat(delivery.problem()).contains("conclusion");
  }

  @Test
  @DisplayName("P9 wrong types name the field")
  void wrongTypes() {
    assertThat(receive("workflow_run", WebhookBodies.run("\"id\": \"abc\"", true)).problem())
        .isEqualTo("invalid payload: workflow_run.id must be an integer, but was a string");
    assertThat(receive("workflow_run", WebhookBodies.run("\"conclusion\": {}", true)).problem())
        .isEqualTo("invalid payload: workflow_run.conclusion must be a string, but was an object");
    assertThat(receive("workflow_run", WebhookBodies.run("\"run_attempt\": 0", true)).problem())
        .contains("workflow_run.run_attempt must be between 1");
    assertThat(receive("workflow_run", WebhookBodies.run("\"updated_at\": \"yesterday\"", true)).problem())
        .contains("workflow_run.updated_at must be an ISO-8601 timestamp");
    assertThat(receive("workflow_job", WebhookBodies.job("queued", "\"labels\": \"linux\"")).problem())
        .contains("workflow_job.labels must be an array");
    assertThat(receive("workflow_run", "[1, 2]").kind()).isEqualTo(WebhookKind.INVALID);
    assertThat(receive("workflow_run", "{\"action\": \"completed\"}").problem()).contains("workflow_run is missing");
    assertThat(receive("workflow_run", WebhookBodies.run("\"id\": 123456789012345678901234567890", true)).problem())
        .contains("out of the 64-bit integer range");
    assertThat(receive("workflow_run", WebhookBodies.run("\"id\": -5", true)).problem())
        .isEqualTo("invalid payload: workflow_run.id must be a positive integer, but was -5");
    assertThat(receive("workflow_job", WebhookBodies.job("queued", "\"id\": 0")).problem())
        .isEqualTo("invalid payload: workflow_job.id must be a positive integer, but was 0");
    assertThat(receive("workflow_job", WebhookBodies.job("queued", "\"run_id\": -42")).problem())
        .isEqualTo("invalid payload: workflow_job.run_id must be a positive integer, but was -42");
  }

  @Test
  @DisplayName("without a top-level repository the run's own repository names it; with neither it is invalid")
  void repositoryFallback() {
    String body = "{\"action\": \"completed\", \"workflow_run\": {\"id\": 5, \"status\": \"completed\", "
        + "\"conclusion\": \"success\", \"repository\": {\"full_name\": \"octo-org/web\"}}}";
    WebhookDelivery delivery = receive("workflow_run", body);
    assertThat(((RunUpdate) delivery.events().get(0)).id().repository()).isEqualTo("octo-org/web");
    assertThat(receive("workflow_run", "{\"action\": \"completed\", \"workflow_run\": {\"id\": 5}}").problem())
        .isEqualTo("invalid payload: repository is missing");
  }

  @Test
  @DisplayName("unknown job status or deployment state: ignored with the reason; epoch-second timestamps are read")
  void unknownValuesAndEpochSeconds() {
    WebhookDelivery job = receive("workflow_job", WebhookBodies.job("in_progress", "\"status\": \"teleporting\""));
    assertThat(job.kind()).isEqualTo(WebhookKind.IGNORED);
    assertThat(job.problem()).isEqualTo("unknown workflow_job.status 'teleporting'");
    String deployment = Fixtures.text("webhooks/deployment_status/created.json").replace("\"state\": \"success\"",
        "\"state\": \"exploded\"");
    WebhookDelivery status = receive("deployment_status", deployment);
    assertThat(status.kind()).isEqualTo(WebhookKind.IGNORED);
    assertThat(status.problem()).contains("deployment_status.state 'exploded'");
    RunUpdate run = (RunUpdate) receive("workflow_run", WebhookBodies.run("\"created_at\": 1557933565", true))
        .events().get(0);
    assertThat(run.createdAt()).isEqualTo(java.time.Instant.ofEpochSecond(1557933565));
  }

  @Test
  @DisplayName("a repository name that is not owner/name is invalid")
  void badRepository() {
    String body = WebhookBodies.run("", true).replace("octo-org/api", "no-slash");
    assertThat(receive("workflow_run", body).problem()).contains("must be 'owner/name'");
  }

  @Test
  @DisplayName("P10/P11 NUL characters are removed and lone surrogates replaced in mapped strings")
  void nulAndSurrogates() {
    WebhookDelivery delivery = receive("workflow_run",
        WebhookBodies.run("\"display_title\": \"fix\\u0000 it \\uD800 now\", \"head_branch\": \"ma\\u0000in\"", true));
    RunUpdate run = (RunUpdate) delivery.events().get(0);
    assertThat(run.title()).isEqualTo("fix it \uFFFD now");
    assertThat(run.branch()).isEqualTo("main");
  }

  @Test
  @DisplayName("invalid UTF-8 bytes are invalid, not an exception")
  void invalidUtf8() {
    byte[] body = "{\"action\":\"completed\",\"x\":\"\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    WebhookDelivery delivery = receiver.receive(Fixtures.signed("workflow_run", body));
    assertThat(delivery.kind()).isEqualTo(WebhookKind.INVALID);
  }

  @Test
  @DisplayName("P3 a form-encoded body is invalid with a clear message, never mis-parsed")
  void formEncoded() {
    String form = "payload=" + java.net.URLEncoder.encode(Fixtures.text("webhooks/ping/none.json"), StandardCharsets.UTF_8);
    WebhookRequest signed = Fixtures.signed("ping", form);
    Map<String, List<String>> headers = new HashMap<>(signed.headers());
    headers.put("content-type", List.of("application/x-www-form-urlencoded"));
    WebhookDelivery delivery = receiver.receive(new WebhookRequest(headers, signed.body()));
    assertThat(delivery.kind()).isEqualTo(WebhookKind.INVALID);
    assertThat(delivery.problem()).contains("application/x-www-form-urlencoded").contains("application/json");
  }

  @Test
  @DisplayName("a missing event header or an overlong delivery id is invalid")
  void headers() {
    WebhookRequest signed = Fixtures.signed("ping", "{}");
    Map<String, List<String>> noEvent = new HashMap<>(signed.headers());
    noEvent.remove("x-github-event");
    assertThat(receiver.receive(new WebhookRequest(noEvent, signed.body())).problem()).contains("X-GitHub-Event");
    Map<String, List<String>> longId = new HashMap<>(signed.headers());
    longId.put("x-github-delivery", List.of("d".repeat(500)));
    assertThat(receiver.receive(new WebhookRequest(longId, signed.body())).kind()).isEqualTo(WebhookKind.INVALID);
  }

  @Test
  @DisplayName("an empty or whitespace body is invalid")
  void emptyBody() {
    assertThat(receive("workflow_run", "").kind()).isEqualTo(WebhookKind.INVALID);
    assertThat(receive("workflow_run", "   ").kind()).isEqualTo(WebhookKind.INVALID);
    assertThat(receive("workflow_run", "{} {}").kind()).isEqualTo(WebhookKind.INVALID);
  }
}

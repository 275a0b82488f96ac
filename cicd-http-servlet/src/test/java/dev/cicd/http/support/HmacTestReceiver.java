package dev.cicd.http.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.build.Job;
import dev.cicd.core.build.Workflow;
import dev.cicd.core.ingest.DeliveryKey;
import dev.cicd.core.ingest.JobUpdate;
import dev.cicd.core.ingest.ProviderEvent;
import dev.cicd.core.ingest.RunUpdate;
import dev.cicd.core.source.InvalidWebhookSignatureException;
import dev.cicd.core.source.WebhookDelivery;
import dev.cicd.core.source.WebhookKind;
import dev.cicd.core.source.WebhookReceiver;
import dev.cicd.core.source.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A tiny GitHub-style receiver for the servlet tests, used until the real {@code GitHubWebhookReceiver}
 * (module cicd-github) is on main: checks {@code X-Hub-Signature-256} in constant time, parses with
 * bounded Jackson and maps the few workflow_run / workflow_job fields the tests look at.
 */
public final class HmacTestReceiver implements WebhookReceiver {
  private final String secret;
  private final ObjectMapper mapper = JsonMapper.builder(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxNumberLength(64).build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()).build();

  public HmacTestReceiver(String secret) {
    this.secret = secret;
  }

  @Override
  public String provider() {
    return "github";
  }

  @Override
  public WebhookDelivery receive(WebhookRequest request) {
    List<String> signatures = request.headerValues("X-Hub-Signature-256");
    if (signatures.size() != 1 || !signatures.get(0).matches("sha256=[0-9a-f]{64}")) {
      throw new InvalidWebhookSignatureException("X-Hub-Signature-256 is missing or malformed");
    }
    byte[] expected = Signer.sign(secret, request.body()).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, signatures.get(0).getBytes(StandardCharsets.US_ASCII))) {
      throw new InvalidWebhookSignatureException("X-Hub-Signature-256 does not match the body");
    }
    String delivery = request.header("X-GitHub-Delivery");
    DeliveryKey key = delivery == null ? null : new DeliveryKey(request.header("X-GitHub-Hook-ID"), delivery);
    String event = request.header("X-GitHub-Event") == null ? "" : request.header("X-GitHub-Event");
    JsonNode root;
    try {
      root = mapper.readTree(request.body());
    } catch (Exception e) {
      return WebhookDelivery.invalid(key, event, "the payload is not valid JSON");
    }
    String action = root.path("action").isTextual() ? root.path("action").asText() : null;
    try {
      return switch (event) {
        case "ping" -> new WebhookDelivery(WebhookKind.PING, key, event, null, List.of(), null);
        case "workflow_run" -> events(key, event, action, List.of(run(root)));
        case "workflow_job" -> events(key, event, action, List.of(job(root)));
        default -> WebhookDelivery.ignored(key, event, action);
      };
    } catch (RuntimeException e) {
      return WebhookDelivery.invalid(key, event, "the payload does not have the expected fields");
    }
  }

  private static WebhookDelivery events(@Nullable DeliveryKey key, String event, @Nullable String action,
      List<ProviderEvent> events) {
    return new WebhookDelivery(WebhookKind.EVENTS, key, event, action, events, null);
  }

  private static RunUpdate run(JsonNode root) {
    JsonNode run = root.get("workflow_run");
    BuildId id = BuildId.github(root.get("repository").get("full_name").asText(), number(run, "id"));
    String name = run.path("name").asText("").isEmpty() ? root.path("workflow").path("name").asText("")
        : run.path("name").asText();
    return RunUpdate.builder(id)
        .attempt(run.get("run_attempt").intValue())
        .workflow(new Workflow(run.path("workflow_id").longValue(), name, run.path("path").asText(null)))
        .runNumber(run.get("run_number").longValue())
        .branch(text(run, "head_branch"))
        .commitSha(text(run, "head_sha"))
        .event(text(run, "event"))
        .actor(run.path("actor").path("login").asText(null))
        .title(text(run, "display_title"))
        .status(BuildStatus.fromWireName(run.get("status").asText()).orElseThrow())
        .conclusion(Conclusion.fromWireName(text(run, "conclusion")).orElse(null))
        .createdAt(time(run, "created_at"))
        .startedAt(time(run, "run_started_at"))
        .updatedAt(time(run, "updated_at"))
        .url(text(run, "html_url"))
        .build();
  }

  private static JobUpdate job(JsonNode root) {
    JsonNode job = root.get("workflow_job");
    BuildId id = BuildId.github(root.get("repository").get("full_name").asText(), number(job, "run_id"));
    List<String> labels = new ArrayList<>();
    job.path("labels").forEach(l -> labels.add(l.asText()));
    Job value = new Job(number(job, "id"), job.get("run_attempt").intValue(), job.get("name").asText(),
        BuildStatus.fromWireName(job.get("status").asText()).orElseThrow(),
        Conclusion.fromWireName(text(job, "conclusion")).orElse(null), time(job, "created_at"),
        time(job, "started_at"), time(job, "completed_at"), text(job, "runner_name"), null, labels, List.of(),
        text(job, "html_url"));
    return new JobUpdate(id, value, text(job, "workflow_name"), text(job, "head_branch"), text(job, "head_sha"));
  }

  private static long number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new IllegalArgumentException(field + " must be an integer");
    }
    return value.longValue();
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static @Nullable Instant time(JsonNode node, String field) {
    String value = text(node, field);
    return value == null ? null : java.time.OffsetDateTime.parse(value).toInstant();
  }
}

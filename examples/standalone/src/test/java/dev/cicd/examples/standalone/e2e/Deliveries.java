package dev.cicd.examples.standalone.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cicd.examples.standalone.GitHubWebhooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/** Signed GitHub webhook deliveries made from the fixtures, and the HTTP calls to post and read them. */
final class Deliveries {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String HOOK_ID = "424242";

  /** One delivery as GitHub sends it: event, delivery id, exact body; and the build it is about. */
  record Delivery(String event, String deliveryId, byte[] body, String buildId, long jobId) {}

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String secret;
  private final String token;

  Deliveries(String secret, String token) {
    this.secret = secret;
    this.token = token;
  }

  static byte[] fixture(String path) {
    return GitHubWebhooks.fixture(path);
  }

  /** A fixture unchanged. */
  static Delivery exact(String event, String path) {
    byte[] body = fixture(path);
    JsonNode node = tree(body);
    return new Delivery(event, UUID.randomUUID().toString(), body, buildIdOf(node), jobIdOf(node));
  }

  /** The {@code workflow_run} completed fixture as run {@code runId}. */
  static Delivery run(long runId) {
    ObjectNode node = (ObjectNode) tree(fixture("workflow_run/completed.json"));
    ((ObjectNode) node.get("workflow_run")).put("id", runId).put("run_number", runId % 100_000);
    return variant("workflow_run", node);
  }

  /** The {@code workflow_job} completed fixture as job {@code jobId} of run {@code runId}. */
  static Delivery job(long runId, long jobId) {
    ObjectNode node = (ObjectNode) tree(fixture("workflow_job/completed.json"));
    ((ObjectNode) node.get("workflow_job")).put("id", jobId).put("run_id", runId);
    return variant("workflow_job", node);
  }

  private static Delivery variant(String event, ObjectNode node) {
    try {
      return new Delivery(event, UUID.randomUUID().toString(), JSON.writeValueAsBytes(node), buildIdOf(node),
          jobIdOf(node));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String buildIdOf(JsonNode node) {
    String repository = node.path("repository").path("full_name").asText();
    long runId = node.has("workflow_run") ? node.path("workflow_run").path("id").asLong()
        : node.path("workflow_job").path("run_id").asLong();
    return "github:" + repository.replace('/', ':') + ":" + runId;
  }

  private static long jobIdOf(JsonNode node) {
    return node.path("workflow_job").path("id").asLong(0);
  }

  static JsonNode tree(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code status} field of a webhook answer ("stored", "duplicate", "pong" ...). */
  static String status(HttpResponse<String> response) {
    return tree(response.body().getBytes(StandardCharsets.UTF_8)).path("status").asText();
  }

  /** Posts a delivery; the answer's status code and body. */
  HttpResponse<String> post(int port, Delivery delivery) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/webhook/github-actions"))
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json")
        .header("User-Agent", "GitHub-Hookshot/e2e")
        .header("X-GitHub-Event", delivery.event())
        .header("X-GitHub-Delivery", delivery.deliveryId())
        .header("X-GitHub-Hook-ID", HOOK_ID)
        .header("X-Hub-Signature-256", sign(delivery.body()))
        .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** GET with the read token. */
  HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + token)
        .GET().build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private String sign(byte[] body) {
    return GitHubWebhooks.signature(secret, body);
  }
}

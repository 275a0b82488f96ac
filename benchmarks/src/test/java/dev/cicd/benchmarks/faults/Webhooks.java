package dev.cicd.benchmarks.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cicd.benchmarks.ingest.IngestServer;
import dev.cicd.benchmarks.ingest.Payloads;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/** Single requests to an {@link IngestServer}: one signed delivery, health, and every build through the API. */
final class Webhooks {
  /** GitHub gives a webhook 10 s; an answer later than that counts as a failure. */
  static final Duration GITHUB_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final Payloads payloads = new Payloads(IngestServer.SECRET);
  private final ObjectMapper json = new ObjectMapper();
  private final String base;

  Webhooks(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** Posts a {@code workflow_run} delivery of run {@code runId}; fails if no answer comes within 10 s. */
  HttpResponse<String> postRun(String deliveryId, long runId) throws IOException, InterruptedException {
    Payloads.Delivery d = payloads.run(deliveryId, runId);
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + IngestServer.WEBHOOK_PATH)).timeout(GITHUB_TIMEOUT)
        .header("Content-Type", "application/json").header("X-GitHub-Event", d.event())
        .header("X-GitHub-Delivery", d.id()).header("X-GitHub-Hook-ID", "4242")
        .header("X-Hub-Signature-256", d.signature()).POST(HttpRequest.BodyPublishers.ofByteArray(d.body())).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** {@code GET health}: status code and the {@code status} field. */
  HttpResponse<String> health() throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create(base + "/cicd/health")).timeout(Duration.ofSeconds(30))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  String status(HttpResponse<String> response) throws IOException {
    return json.readTree(response.body()).path("status").asText();
  }

  /** The run ids of every build listed by {@code GET api/builds}, page by page; a run listed twice counts twice. */
  RunIds listBuilds() throws IOException, InterruptedException {
    Set<Long> ids = new HashSet<>();
    long listed = 0;
    String cursor = null;
    do {
      String url = base + "/cicd/api/builds?limit=200" + (cursor == null ? "" : "&cursor=" + cursor);
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
          .header("Authorization", "Bearer " + IngestServer.READ_TOKEN).timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException("GET " + url + " answered " + response.statusCode() + ": " + response.body());
      }
      JsonNode page = json.readTree(response.body());
      for (JsonNode build : page.path("items")) {
        String id = build.path("id").asText();
        ids.add(Long.parseLong(id.substring(id.lastIndexOf(':') + 1)));
        listed++;
      }
      JsonNode next = page.path("nextCursor");
      cursor = next.isNull() || next.isMissingNode() ? null
          : java.net.URLEncoder.encode(next.asText(), java.nio.charset.StandardCharsets.UTF_8);
    } while (cursor != null);
    return new RunIds(ids, listed);
  }

  /** Distinct run ids and how many list entries there were (more entries than ids means duplicates). */
  record RunIds(Set<Long> ids, long listed) {}
}

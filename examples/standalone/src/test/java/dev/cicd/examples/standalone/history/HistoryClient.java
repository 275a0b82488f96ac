package dev.cicd.examples.standalone.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cicd.examples.standalone.GitHubWebhooks;
import dev.cicd.examples.standalone.history.HistoryDeliveries.Delivery;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The standalone app as GitHub (signed webhooks from four senders) and an API reader (a bearer token) meet it. */
final class HistoryClient {
  static final String SECRET = "history-secret";
  static final String TOKEN = "history-read-token-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;

  HistoryClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** Posts every delivery from four threads, each answer asserted 2xx; returns how many answers each status had. */
  Map<Integer, Integer> post(List<Delivery> deliveries) throws Exception {
    ConcurrentLinkedQueue<Delivery> queue = new ConcurrentLinkedQueue<>(deliveries);
    Map<Integer, Integer> statuses = Collections.synchronizedMap(new TreeMap<>());
    ExecutorService senders = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        running.add(senders.submit(() -> {
          for (Delivery d; (d = queue.poll()) != null; ) {
            HttpResponse<String> response = http.send(signed(d), HttpResponse.BodyHandlers.ofString());
            statuses.merge(response.statusCode(), 1, Integer::sum);
            assertThat(response.statusCode()).as("%s %s: %s", d.event(), d.id(), response.body()).isLessThan(300);
          }
          return null;
        }));
      }
      for (Future<?> sender : running) {
        sender.get();
      }
    } finally {
      senders.shutdownNow();
    }
    return statuses;
  }

  private HttpRequest signed(Delivery delivery) {
    return HttpRequest.newBuilder(URI.create(base + "/api/webhook/github-actions"))
        .header("Content-Type", "application/json").header("X-GitHub-Event", delivery.event())
        .header("X-GitHub-Delivery", delivery.id())
        .header("X-Hub-Signature-256", GitHubWebhooks.signature(SECRET, delivery.body()))
        .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body())).build();
  }

  /** Waits until the webhook inbox has merged everything it acknowledged, none failed. */
  void awaitMerged() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonNode inbox;
    do {
      Thread.sleep(50);
      inbox = get("/health").path("components").path("inbox").path("details");
    } while (!(inbox.path("backlog").asLong(-1) == 0 && !inbox.path("recovering").asBoolean(true))
        && System.nanoTime() < deadline);
    assertThat(inbox.path("backlog").asLong(-1)).as("inbox %s", inbox).isZero();
    assertThat(inbox.path("failed").asLong()).isZero();
  }

  /** The run ids of every build {@code /api/builds} lists, page by page. */
  List<Long> listedRunIds() throws Exception {
    List<Long> ids = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page = get("/api/builds?limit=200" + (cursor == null ? "" : "&cursor=" + q(cursor)));
      page.path("items").forEach(build -> ids.add(build.path("runId").asLong()));
      cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
    } while (cursor != null);
    return ids;
  }

  /** A GET with the read token, asserted 200. */
  JsonNode get(String path) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}

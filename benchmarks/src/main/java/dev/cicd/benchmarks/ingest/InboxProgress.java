package dev.cicd.benchmarks.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The webhook inbox of an {@code inbox} server as its health report tells it: deliveries merged so far and
 * deliveries waiting, so a run can report the merge's own rate next to the acknowledged rate (a growing backlog
 * must not pass for throughput) and wait until everything acknowledged is merged.
 */
public final class InboxProgress {
  /**
   * One reading: deliveries merged since the server started, deliveries waiting, and whether what an earlier
   * run left in the inbox is still being read.
   */
  public record Reading(long merged, long backlog, boolean recovering) {}

  private final HttpClient client = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final URI health;

  public InboxProgress(URI health) {
    this.health = health;
  }

  public Reading read() throws IOException, InterruptedException {
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + IngestServer.READ_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode details = json.readTree(response.body()).path("components").path("inbox").path("details");
    if (details.isMissingNode()) {
      throw new IllegalStateException("the health report has no inbox: " + response.body());
    }
    return new Reading(details.path("merged").asLong(), details.path("backlog").asLong(),
        details.path("recovering").asBoolean());
  }

  /**
   * Waits until no delivery waits, what an earlier run left included; @return how long that took, or null when
   * {@code timeout} passed first.
   */
  public Duration awaitDrained(Duration timeout) throws IOException, InterruptedException {
    long start = System.nanoTime();
    for (Reading reading = read(); reading.backlog() > 0 || reading.recovering(); reading = read()) {
      if (System.nanoTime() - start > timeout.toNanos()) {
        return null;
      }
      Thread.sleep(100);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }
}

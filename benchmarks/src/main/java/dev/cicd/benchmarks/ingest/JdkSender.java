package dev.cicd.benchmarks.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** {@link DeliverySender} on the JDK's {@link HttpClient} (HTTP/1.1, two executor threads), as until session 16. */
final class JdkSender implements DeliverySender {
  private final URI url;
  private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "load-http");
    t.setDaemon(true);
    return t;
  });
  private final HttpClient client;

  JdkSender(URI url) {
    this.url = url;
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
        .executor(executor).build();
  }

  @Override
  public Answer send(Payloads.Delivery d) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(15))
        .header("Content-Type", "application/json").header("X-GitHub-Event", d.event())
        .header("X-GitHub-Delivery", d.id()).header("X-GitHub-Hook-ID", "4242")
        .header("X-Hub-Signature-256", d.signature()).POST(HttpRequest.BodyPublishers.ofByteArray(d.body())).build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body());
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}

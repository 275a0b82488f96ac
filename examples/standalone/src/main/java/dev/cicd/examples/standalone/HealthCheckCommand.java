package dev.cicd.examples.standalone;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --healthcheck}: asks the running app at {@code http://127.0.0.1:$CICD_PORT/health} and exits 0
 * when it answers 200 (status UP, or DEGRADED, e.g. while backfilling or rate-limited), else 1. The
 * servlet answers 503 when a component is DOWN. Used by the Docker HEALTHCHECK.
 */
final class HealthCheckCommand {
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z]+)\"");

  private HealthCheckCommand() {}

  static int run(Map<String, String> env, PrintStream out) {
    int port;
    try {
      port = SettingsParser.fromEnvironment(env, false).port();
    } catch (SettingsException e) {
      out.println("unhealthy: " + e.getMessage());
      return 1;
    }
    if (port == 0) {
      out.println("unhealthy: CICD_PORT=0 picks a random port, which a health check cannot know; set CICD_PORT");
      return 1;
    }
    return check(URI.create("http://127.0.0.1:" + port + "/health"), out);
  }

  static int check(URI health, PrintStream out) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    HttpRequest request = HttpRequest.newBuilder(health).timeout(TIMEOUT).header("Accept", "application/json")
        .GET().build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      Matcher status = STATUS.matcher(response.body());
      String text = status.find() ? status.group(1) : "unknown";
      out.println((response.statusCode() == 200 ? "healthy: " : "unhealthy: ") + "HTTP " + response.statusCode()
          + ", status " + text);
      return response.statusCode() == 200 ? 0 : 1;
    } catch (IOException e) {
      out.println("unhealthy: " + health + " did not answer (" + e + ")");
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      out.println("unhealthy: interrupted");
      return 1;
    }
  }
}

package dev.cicd.examples.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cicd.store.jpa.JpaStoreConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app in this JVM: wiring, and values only the libraries' builders reject. */
class StandaloneAppTest {
  static final String TOKEN = "read-0123456789abcdef";

  @TempDir
  Path dir;

  private Settings settings(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(Map.of("CICD_PORT", "0", "CICD_DATA_DIR", dir.toString()));
    env.putAll(extra);
    return SettingsParser.parse(env, false);
  }

  @Test
  @DisplayName("starts on H2 in CICD_DATA_DIR with alerting in the database, serves /, and stops")
  void startsAndStops() throws Exception {
    try (StandaloneApp app = new StandaloneApp(settings(Map.of("CICD_API_TOKEN", TOKEN,
        "CICD_GITHUB_WEBHOOK_SECRET", "secret")))) {
      app.start();
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + app.port();
      HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      HttpResponse<String> alerts = http.send(HttpRequest.newBuilder(URI.create(base + "/api/alerts"))
          .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(alerts.statusCode()).as("alerting is wired: " + alerts.body()).isEqualTo(200);
      assertThat(alerts.body()).contains("default-branch-failed", "\"log\"");
      HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<html");
      assertThat(Files.exists(dir.resolve("cicd.mv.db"))).isTrue();
    }
    assertThat(HealthCheckCommand.check(URI.create("http://127.0.0.1:1/health"), System.out)).isEqualTo(1);
  }

  @Test
  @DisplayName("CICD_WEBHOOK_INBOX=true: a signed webhook is answered 202 accepted, then its build is listed")
  void webhookInbox() throws Exception {
    try (StandaloneApp app = new StandaloneApp(settings(Map.of("CICD_API_TOKEN", TOKEN,
        "CICD_GITHUB_WEBHOOK_SECRET", "secret", "CICD_WEBHOOK_INBOX", "true")))) {
      app.start();
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + app.port();
      byte[] body = GitHubWebhooks.fixture("workflow_run/completed.json");
      HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(base + "/api/webhook/github-actions"))
          .header("Content-Type", "application/json").header("X-GitHub-Event", "workflow_run")
          .header("X-GitHub-Delivery", "inbox-1")
          .header("X-Hub-Signature-256", GitHubWebhooks.signature("secret", body))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
      assertThat(posted.body()).contains("\"accepted\"");
      // The build is readable once the merge commits; the inbox counts it merged after removing its row.
      long deadline = System.nanoTime() + 10_000_000_000L;
      String health;
      do {
        Thread.sleep(20);
        health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).header("Authorization",
            "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body();
      } while (!(health.contains("\"merged\":1") && health.contains("\"backlog\":0"))
          && System.nanoTime() < deadline);
      assertThat(health).contains("\"inbox\"", "\"merged\":1", "\"backlog\":0");
      String builds = http.send(HttpRequest.newBuilder(URI.create(base + "/api/builds")).header("Authorization",
          "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body();
      assertThat(builds).as("the merged build").contains("\"runId\"");
    }
  }

  @Test
  @DisplayName("a data file of mostly dead space is compacted when the app starts, and the app serves from it")
  void compactsTheH2FileAtStart() throws Exception {
    try (StandaloneApp app = new StandaloneApp(settings(Map.of()))) {
      app.start();
    }
    Path file = dir.resolve("cicd.mv.db");
    // One-row commits, as webhooks make them: H2 as the store runs it appends each to the file for good.
    try (Connection c = DriverManager.getConnection(JpaStoreConfig.h2Url(dir), "sa", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA scratch");
      s.execute("CREATE TABLE scratch.t (id INT PRIMARY KEY, v VARCHAR(100))");
      for (int i = 0; Files.size(file) < 40L << 20; i++) {
        s.execute("INSERT INTO scratch.t VALUES (" + i + ", 'row " + i + "')");
      }
    }
    long grown = Files.size(file);
    try (StandaloneApp app = new StandaloneApp(settings(Map.of("CICD_API_TOKEN", TOKEN)))) {
      app.start();
      assertThat(Files.size(file)).as("compacted at start").isLessThan(grown / 4);
      HttpResponse<String> builds = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
          "http://127.0.0.1:" + app.port() + "/api/builds")).header("Authorization", "Bearer " + TOKEN).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(builds.statusCode()).isEqualTo(200);
    }
  }

  @Test
  @DisplayName("a value the parser lets through but a library rejects still names the variable")
  void libraryRejectionsNameTheVariable() {
    StandaloneApp badApiUrl = new StandaloneApp(settings(Map.of("CICD_GITHUB_WEBHOOK_SECRET", "s",
        "CICD_GITHUB_API_URL", "https://ghe.example.com/api/v3?x=1")));
    assertThatThrownBy(badApiUrl::start).isInstanceOf(SettingsException.class)
        .hasMessageStartingWith("CICD_GITHUB_API_URL: apiUrl must be an http(s) URL without query");
    StandaloneApp badToken = new StandaloneApp(settings(Map.of("CICD_API_TOKEN", "with space 0123456789")));
    assertThatThrownBy(badToken::start).isInstanceOf(SettingsException.class)
        .hasMessage("CICD_API_TOKEN: readToken must be printable ASCII without spaces");
  }

  @Test
  @DisplayName("an unreachable PostgreSQL stops the start naming CICD_DB_URL, without the URL's parameters")
  void unreachableDatabase() {
    StandaloneApp app = new StandaloneApp(settings(Map.of(
        "CICD_DB_URL", "jdbc:postgresql://127.0.0.1:1/cicd?password=in-url-secret")));
    assertThatThrownBy(app::start).isInstanceOf(StartupException.class)
        .hasMessageStartingWith("cannot open the database at CICD_DB_URL=jdbc:postgresql://127.0.0.1:1/cicd?…")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("in-url-secret"));
  }
}

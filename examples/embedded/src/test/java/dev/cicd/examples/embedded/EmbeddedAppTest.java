package dev.cicd.examples.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EmbeddedAppTest {
  static final String READ = "read-token-0123456789";
  static final String ADMIN = "admin-token-0123456789";
  static final String SECRET = "embedded-webhook-secret";

  EmbeddedApp app;
  final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeEach
  void start() throws Exception {
    String db = "jdbc:h2:mem:orders-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    app = EmbeddedApp.start(new EmbeddedApp.Options(0, db, READ, ADMIN, SECRET));
  }

  @AfterEach
  void stop() {
    app.close();
  }

  @Test
  @DisplayName("the host app keeps its own routes, and the dashboard answers under /ci/")
  void mountedUnderPrefix() throws Exception {
    assertThat(get("/orders", null).body()).isEqualTo("0 orders\n");
    HttpResponse<String> redirect = get("/ci", null);
    assertThat(redirect.statusCode()).isEqualTo(302);
    assertThat(redirect.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/ci/"));
    HttpResponse<String> page = get("/ci/", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(get("/ci/health", null).body()).contains("\"status\":\"UP\"");
    assertThat(get("/ci/api/builds", null).statusCode()).as("reading needs the token").isEqualTo(401);
    assertThat(get("/ci/api/builds", READ).body()).contains("\"items\":[]");
    assertThat(get("/api/builds", READ).statusCode()).as("nothing outside the prefix").isEqualTo(404);
  }

  @Test
  @DisplayName("a signed webhook posted under /ci/ is stored in the application's own database and read back")
  void webhookThroughThePrefix() throws Exception {
    byte[] body;
    try (InputStream in = getClass().getResourceAsStream("/github/webhooks/workflow_run/completed.json")) {
      body = in.readAllBytes();
    }
    HttpResponse<String> stored = http.send(HttpRequest.newBuilder(uri("/ci/api/webhook/github-actions"))
        .header("Content-Type", "application/json")
        .header("X-GitHub-Event", "workflow_run")
        .header("X-GitHub-Delivery", UUID.randomUUID().toString())
        .header("X-Hub-Signature-256", sign(body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
    assertThat(stored.body()).contains("\"status\":\"stored\"");

    HttpResponse<String> build = get("/ci/api/builds/github:octo-org:octo-repo:289782451", READ);
    assertThat(build.statusCode()).isEqualTo(200);
    assertThat(build.body()).contains("\"repository\":\"octo-org/octo-repo\"", "\"status\":\"completed\"");
    assertThat(get("/ci/api/metrics/summary?window=30d", READ).statusCode()).isEqualTo(200);

    try (Connection c = app.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM cicd_build")) {
      rows.next();
      assertThat(rows.getLong(1)).as("the build row sits in the application's database").isEqualTo(1);
    }
    assertThat(get("/orders", null).body()).isEqualTo("0 orders\n");
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + app.port() + path);
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String sign(byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
  }
}

package dev.cicd.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cicd.http.support.Checks;
import dev.cicd.http.support.Container;
import dev.cicd.http.support.Json;
import dev.cicd.http.support.TestApp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The dashboard's static files, the vendored chart library and the API page, all public. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StaticAndDocsScenarios {
  private static final Pattern NONCE = Pattern.compile("'nonce-([A-Za-z0-9+/=]+)'");

  TestApp app;

  abstract Container container();

  @BeforeAll
  void start() throws Exception {
    app = TestApp.start(container());
  }

  @AfterAll
  void stop() throws Exception {
    app.close();
  }

  HttpResponse<String> get(String path) throws Exception {
    return app.send(app.request(path));
  }

  @Test
  @DisplayName("/ is index.html, not cached, under the CSP")
  void index() throws Exception {
    HttpResponse<String> index = get("");
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("Content-Type").orElseThrow()).startsWithIgnoringCase("text/html");
    assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(index.headers().firstValue("Content-Security-Policy").orElseThrow()).startsWith(Checks.CSP);
    assertThat(index.body()).doesNotContain("{{");
  }

  @Test
  @DisplayName("pages get a fresh CSP nonce allowed by the policy, and the configured GitHub host")
  void pageValues() throws Exception {
    HttpResponse<String> first = get("test-page.html");
    HttpResponse<String> second = get("test-page.html");

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("Content-Type").orElseThrow()).startsWithIgnoringCase("text/html");
    assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");
    String csp = first.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp).startsWith(Checks.CSP);
    Matcher matcher = NONCE.matcher(csp);
    assertThat(matcher.find()).isTrue();
    assertThat(first.body()).contains("nonce=\"" + matcher.group(1) + "\"").doesNotContain("{{cspNonce}}");
    assertThat(first.body()).contains("<meta name=\"cicd-github-host\" content=\"github.com\">");
    assertThat(second.headers().firstValue("Content-Security-Policy").orElseThrow()).doesNotContain(matcher.group(1));
  }

  @Test
  @DisplayName("the mount point without a trailing slash redirects to it, so relative links resolve")
  void redirectToSlash() throws Exception {
    HttpResponse<String> response = app.send(HttpRequest.newBuilder(app.server.raw("/app/cicd")));
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/app/cicd/");
  }

  @ParameterizedTest
  @CsvSource({
      "test-icon.svg, image/svg+xml",
      "sub/test-style.css, text/css",
      "test-page.html, text/html",
      "vendor/uplot/uPlot.iife.min.js, text/javascript",
      "vendor/uplot/uPlot.min.css, text/css",
      "docs/swagger-ui/swagger-ui-bundle.js, text/javascript",
      "docs/swagger-ui/swagger-ui.css, text/css",
      "docs/init.js, text/javascript"})
  @DisplayName("allowed files are served without a token, with their content type and caching")
  void servesFiles(String path, String type) throws Exception {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWithIgnoringCase(type);
    assertThat(response.body()).isNotEmpty();
    Checks.securityHeaders(response);
    if (!type.equals("text/html")) {
      assertThat(response.headers().firstValue("Cache-Control").orElseThrow()).startsWith("public, max-age=");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"test-notes.txt", "missing.css", ".hidden.css", "sub", "vendor/uplot/package.json",
      "vendor/uplot/README.md", "docs/swagger-ui/index.html", "docs/swagger-ui/swagger-initializer.js",
      "META-INF/MANIFEST.MF", "dev/cicd/http/openapi.json", "HttpApi.class"})
  @DisplayName("files outside the allowlist or missing are 404 problems")
  void refusesFiles(String path) throws Exception {
    Checks.problem(get(path), 404);
  }

  @Test
  @DisplayName("static paths are read-only: POST is 405")
  void staticReadOnly() throws Exception {
    Checks.problem(app.send(app.request("sub/test-style.css").POST(HttpRequest.BodyPublishers.ofString("x"))), 405);
  }

  @Test
  @DisplayName("docs redirects to the page, which loads Swagger UI and its initializer from files, no inline script")
  void docsPage() throws Exception {
    HttpResponse<String> redirect = get("docs");
    HttpResponse<String> page = get("docs/");

    assertThat(redirect.statusCode()).isEqualTo(302);
    assertThat(redirect.headers().firstValue("Location")).hasValue("/app/cicd/docs/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("src=\"swagger-ui/swagger-ui-bundle.js\"", "src=\"init.js\"");
    assertThat(Pattern.compile("<script>[^<]").matcher(page.body()).find()).isFalse();
  }

  @Test
  @DisplayName("the OpenAPI document is public and names the mount point as its server")
  void openApiDocument() throws Exception {
    HttpResponse<String> response = get("docs/openapi.json");
    JsonNode doc = Json.body(response);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(doc.path("openapi").asText()).startsWith("3.");
    assertThat(doc.path("servers").get(0).path("url").asText()).isEqualTo("/app/cicd");
    assertThat(doc.path("paths").has("/api/builds")).isTrue();
  }
}

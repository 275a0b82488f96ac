package dev.cicd.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cicd.http.support.Checks;
import dev.cicd.http.support.Container;
import dev.cicd.http.support.FaultyStore;
import dev.cicd.http.support.Json;
import dev.cicd.http.support.RawHttp;
import dev.cicd.http.support.TestApp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RELIABILITY.md §6.5 (A): authentication, roles, CORS, headers, methods, content types, bad input. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SecurityScenarios {
  static final String ALLOWED = "https://allowed.example";

  TestApp app;

  abstract Container container();

  @BeforeAll
  void start() throws Exception {
    app = TestApp.start(container(), c -> c.allowedOrigins(ALLOWED));
  }

  @AfterAll
  void stop() throws Exception {
    app.close();
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = app.request(path);
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return app.send(request);
  }

  @ParameterizedTest
  @ValueSource(strings = {"api/builds", "api/builds/github:octo:repo:1", "api/metrics/summary", "api/alerts",
      "metrics", "api/events"})
  @DisplayName("A1: read endpoints without a token are 401 with WWW-Authenticate: Bearer and no data")
  void noToken(String path) throws Exception {
    HttpResponse<String> response = get(path);
    JsonNode problem = Checks.problem(response, 401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        v -> assertThat(v).startsWith("Bearer"));
    assertThat(problem.has("items")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer wrong-token-0123456789abcdef", "Bearer x", "Bearer " + TestApp.READ_TOKEN + "x",
      "Basic cmVhZDpyZWFk", "bearer", TestApp.READ_TOKEN})
  @DisplayName("A2: wrong tokens, tokens of another length and other schemes are 401")
  void wrongToken(String authorization) throws Exception {
    Checks.problem(get("api/builds", "Authorization", authorization), 401);
  }

  @ParameterizedTest
  @ValueSource(strings = {"api/builds?token=" + TestApp.READ_TOKEN, "api/builds?access_token=" + TestApp.READ_TOKEN,
      "metrics?token=" + TestApp.READ_TOKEN})
  @DisplayName("A2: a token in the query string is never accepted")
  void queryToken(String path) throws Exception {
    Checks.problem(get(path), 401);
  }

  @Test
  @DisplayName("A3: a replaced token is refused from the next request on")
  void revokedToken() throws Exception {
    try (TestApp own = TestApp.start(container())) {
      HttpResponse<String> before = own.get("api/builds");
      own.servlet.replaceTokens("new-read-token-0123456789", TestApp.ADMIN_TOKEN);
      HttpResponse<String> after = own.get("api/builds");
      HttpResponse<String> withNew = own.send(own.request("api/builds")
          .header("Authorization", "Bearer new-read-token-0123456789"));

      assertThat(before.statusCode()).isEqualTo(200);
      Checks.problem(after, 401);
      assertThat(withNew.statusCode()).isEqualTo(200);
    }
  }

  @Test
  @DisplayName("the read token cannot configure (403); the admin token can read; no token is 401")
  void roles() throws Exception {
    HttpRequest.Builder configure = app.request("api/alerts/configure").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}"));
    Checks.problem(app.send(configure.copy().header("Authorization", "Bearer " + TestApp.READ_TOKEN)), 403);
    Checks.problem(app.send(configure.copy()), 401);
    Checks.problem(app.send(app.request("api/alert/test").header("Authorization", "Bearer " + TestApp.READ_TOKEN)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))), 403);
    assertThat(app.send(app.request("api/builds").header("Authorization", "Bearer " + TestApp.ADMIN_TOKEN))
        .statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("publicRead opens read endpoints without a token, never configuration endpoints")
  void publicRead() throws Exception {
    try (TestApp open = TestApp.start(container(), c -> c.publicRead(true))) {
      assertThat(open.send(open.request("api/builds")).statusCode()).isEqualTo(200);
      assertThat(open.send(open.request("metrics")).statusCode()).isEqualTo(200);
      Checks.problem(open.send(open.request("api/alerts/configure").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{}"))), 401);
      Checks.problem(open.send(open.request("api/builds").header("Authorization", "Bearer not-a-valid-token-000")),
          401);
    }
  }

  @Test
  @DisplayName("health is public but shows components only with a read token")
  void health() throws Exception {
    JsonNode anonymous = Json.body(get("health"));
    JsonNode reader = Json.body(app.get("health"));

    assertThat(anonymous.path("status").asText()).isIn("UP", "DEGRADED");
    assertThat(anonymous.has("components")).isFalse();
    assertThat(reader.path("components").has("store")).isTrue();
    assertThat(reader.path("components").path("store").path("status").asText()).isEqualTo("UP");
  }

  @Test
  @DisplayName("A5: a preflight from an unlisted origin gets no Access-Control-Allow-Origin; a listed one is echoed")
  void corsPreflight() throws Exception {
    HttpResponse<String> evil = app.send(app.request("api/builds").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET"));
    HttpResponse<String> good = app.send(app.request("api/builds").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", ALLOWED).header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "authorization"));

    assertThat(evil.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(evil.statusCode()).isEqualTo(403);
    assertThat(good.statusCode()).isEqualTo(204);
    assertThat(good.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
    assertThat(good.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
        h -> assertThat(h).contains("Authorization"));
    assertThat(good.headers().allValues("Vary")).contains("Origin");
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "https://allowed.example.evil.com", "http://allowed.example",
      "https://allowed.example:8443", "https://ALLOWED.example"})
  @DisplayName("A6: look-alike origins are not allowed")
  void lookAlikeOrigins(String origin) throws Exception {
    HttpResponse<String> response = app.send(app.request("api/builds").header("Origin", origin)
        .header("Authorization", "Bearer " + TestApp.READ_TOKEN));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(response.headers().allValues("Vary")).contains("Origin");
  }

  @Test
  @DisplayName("an allowed origin is echoed exactly on actual requests, errors included")
  void corsActual() throws Exception {
    HttpResponse<String> ok = app.send(app.request("api/builds").header("Origin", ALLOWED)
        .header("Authorization", "Bearer " + TestApp.READ_TOKEN));
    HttpResponse<String> denied = app.send(app.request("api/builds").header("Origin", ALLOWED));
    assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
    assertThat(denied.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
    assertThat(denied.statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("A7, A10: GET on a state-changing path, TRACE and PUT are 405 with Allow")
  void wrongMethods() throws Exception {
    HttpResponse<String> getConfigure = app.get("api/alerts/configure");
    HttpResponse<String> put = app.send(app.request("api/builds").header("Authorization", "Bearer " + TestApp.READ_TOKEN)
        .PUT(HttpRequest.BodyPublishers.ofString("{}")));
    HttpResponse<String> delete = app.send(app.request("api/builds/github:a:b:1").DELETE());
    RawHttp.Response trace = RawHttp.exchange(app.server.port(),
        "TRACE /app/cicd/api/builds HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

    Checks.problem(getConfigure, 405);
    assertThat(getConfigure.headers().firstValue("Allow")).hasValueSatisfying(a -> assertThat(a).contains("POST"));
    Checks.problem(put, 405);
    Checks.problem(delete, 405);
    assertThat(trace.status()).isEqualTo(405);
  }

  @Test
  @DisplayName("A11: Accept excluding JSON is 406; a non-JSON body to a JSON endpoint is 415")
  void contentNegotiation() throws Exception {
    Checks.problem(get("api/builds", "Authorization", "Bearer " + TestApp.READ_TOKEN, "Accept", "application/xml"), 406);
    Checks.problem(get("api/builds", "Authorization", "Bearer " + TestApp.READ_TOKEN, "Accept",
        "application/json;q=0, text/html"), 406);
    assertThat(get("api/builds", "Authorization", "Bearer " + TestApp.READ_TOKEN, "Accept",
        "text/html, */*;q=0.1").statusCode()).isEqualTo(200);
    Checks.problem(app.send(app.request("api/alerts/configure").header("Authorization", "Bearer " + TestApp.ADMIN_TOKEN)
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("rules"))), 415);
  }

  @ParameterizedTest
  @ValueSource(strings = {"limit=1000000", "limit=0", "limit=-1", "limit=abc", "limit=201", "from=notadate",
      "from=2026-13-01", "to=2026-05-01T12:00:00", "sort=%27%3B%20DROP%20TABLE%20builds", "status=COMPLETED",
      "conclusion=bad", "limit=5&limit=6", "cursor=not-a-cursor", "repository=no-slash", "from=2026-05-02&to=2026-05-01",
      "branch="})
  @DisplayName("A12: bad parameters are 400 problems naming the parameter, never a 500")
  void badParameters(String query) throws Exception {
    JsonNode problem = Checks.problem(app.get("api/builds?" + query), 400);
    assertThat(problem.path("detail").asText()).isNotBlank();
  }

  @Test
  @DisplayName("A12: a malformed percent-encoding in the query is 400")
  void malformedQuery() throws Exception {
    RawHttp.Response response = RawHttp.exchange(app.server.port(), "GET /app/cicd/api/builds?branch=%zz HTTP/1.1\r\n"
        + "Host: 127.0.0.1\r\nAuthorization: Bearer " + TestApp.READ_TOKEN + "\r\nConnection: close\r\n\r\n");
    assertThat(response.status()).isEqualTo(400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"window=1y", "window=7d&from=2026-05-01", "to=2026-05-01", "from=2019-01-01&to=2026-01-01",
      "status=completed"})
  @DisplayName("A12: bad summary parameters are 400")
  void badSummaryParameters(String query) throws Exception {
    Checks.problem(app.get("api/metrics/summary?" + query), 400);
  }

  @Test
  @DisplayName("A13: an unexpected failure is a generic 500 with a request id, nothing internal")
  void internalError() throws Exception {
    app.store.mode(FaultyStore.Mode.BROKEN);
    HttpResponse<String> response;
    try {
      response = app.get("api/builds");
    } finally {
      app.store.mode(FaultyStore.Mode.OK);
    }
    JsonNode problem = Checks.problem(response, 500);
    assertThat(response.body()).doesNotContain("boom", "secret", "line 42");
    assertThat(problem.path("detail").asText()).contains(problem.path("requestId").asText());
    assertThat(response.headers().firstValue("X-Request-Id")).hasValue(problem.path("requestId").asText());
  }

  @Test
  @DisplayName("A9: 401, 404, 405 and 500 responses all carry the security headers and no-store")
  void headersOnErrors() throws Exception {
    Checks.apiHeaders(get("api/builds"));
    Checks.apiHeaders(get("api/nothing-here"));
    Checks.apiHeaders(app.get("api/alerts/configure"));
    Checks.problem(get("api/nothing-here"), 404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/app/cicd/../WEB-INF/web.xml", "/app/cicd/%2e%2e/%2e%2e/etc/passwd",
      "/app/cicd/..%2fWEB-INF%2fweb.xml", "/app/cicd/sub%2ftest-style.css", "/app/cicd/.%2e/x.html",
      "/app/cicd/index.html%00.js", "/app/cicd/%252e%252e/x.css", "/app/cicd/sub\\test-style.css",
      "/app/cicd//etc/passwd"})
  @DisplayName("A14: static traversal attempts are 400 or 404")
  void traversal(String path) throws Exception {
    RawHttp.Response response = RawHttp.exchange(app.server.port(),
        "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    assertThat(response.status()).isIn(400, 404);
    assertThat(response.body()).doesNotContain("web-app", "root:");
  }
}

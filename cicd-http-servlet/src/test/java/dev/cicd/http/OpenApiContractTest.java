package dev.cicd.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cicd.core.alert.Silence;
import dev.cicd.core.alert.SilenceMatcher;
import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.ingest.RunUpdate;
import dev.cicd.core.store.BuildQuery;
import dev.cicd.core.testing.HistoryGenerator;
import dev.cicd.http.internal.HttpApi;
import dev.cicd.http.internal.Route;
import dev.cicd.http.support.Container;
import dev.cicd.http.support.Fixtures;
import dev.cicd.http.support.Json;
import dev.cicd.http.support.SchemaChecker;
import dev.cicd.http.support.SseReader;
import dev.cicd.http.support.TestApp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The OpenAPI document against reality: every route is documented and every documented path answers;
 * real responses of every endpoint match the schema the document declares for their status; every
 * documented field occurs in a real response (and, except where absence is the normal case, with a
 * value).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractTest {
  /** Request-only schemas (AlertTestRequest) are never in a response. Fields that are legitimately null in this data set (never sent by the generator or not applicable). */
  static final Set<String> NULL_IN_TEST_DATA = Set.of(
      "WebhookResult.action", "Health.components", "ComponentHealth.problem", "Dora.timeToRestoreMs",
      "AlertTestResult.detail", "Channel.detail", "Channel.since");

  TestApp app;
  JsonNode document;
  SchemaChecker checker;

  @BeforeAll
  void start() throws Exception {
    app = TestApp.withAlerting(Container.TOMCAT, c -> c.alertEventsInterval(Duration.ofMillis(100)));
    HistoryGenerator history = new HistoryGenerator(11, Duration.ofDays(20), true);
    app.ingest(history.builds(300));
    app.ingest(history.deployments(60, 1));
    app.alerting.engine().silence(Silence.create(List.of(SilenceMatcher.repository("acme/*")), TestApp.NOW,
        TestApp.NOW.plus(Duration.ofHours(2)), "ops", "maintenance"));
    document = Json.body(app.send(app.request("docs/openapi.json")));
    checker = new SchemaChecker(document);
  }

  @AfterAll
  void stop() throws Exception {
    app.close();
  }

  JsonNode check(HttpResponse<String> response, String path, String method) {
    String type = response.headers().firstValue("Content-Type").orElseThrow().split(";")[0];
    JsonNode body = Json.body(response);
    checker.check(body, checker.responseSchema(path, method, response.statusCode(), type), method + " " + path);
    return body;
  }

  @Test
  @DisplayName("every route of the servlet is documented, and every documented operation exists")
  void routesAreDocumented() throws Exception {
    HttpApi api = new HttpApi(app.cicd, TestApp.defaultConfig().build(), null);
    Set<String> routes = new TreeSet<>();
    for (Route route : api.dashboardRoutes()) {
      String path = route.pattern().toString().replace("{endpoint}", "github-actions");
      if (route.produces() != null && !path.equals("/docs") && !path.equals("/docs/")) {
        routes.add(route.method().toLowerCase() + " " + path);
      }
    }
    Set<String> documented = new TreeSet<>();
    document.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
        .forEachRemaining(m -> documented.add(m + " " + p.getKey())));
    assertThat(documented).isEqualTo(routes);
  }

  @Test
  @DisplayName("real responses of every endpoint match the documented schemas, and every documented field occurs")
  void responsesMatchSchemas() throws Exception {
    check(app.get("api/builds?limit=200"), "/api/builds", "get");
    List<Build> builds = app.cicd.store().list(BuildQuery.builder().limit(200).build()).items();
    for (Build build : builds.subList(0, 40)) {
      check(app.get("api/builds/" + build.id().asString()), "/api/builds/{id}", "get");
    }
    Build inProgress = builds.stream().filter(b -> !b.isCompleted()).findFirst().orElseThrow();
    check(app.get("api/builds/" + inProgress.id().asString()), "/api/builds/{id}", "get");
    check(app.get("api/builds/github:no:body:1"), "/api/builds/{id}", "get");
    check(app.get("api/builds?limit=0"), "/api/builds", "get");
    check(app.send(app.request("api/builds")), "/api/builds", "get");
    check(app.send(app.request("api/builds").header("Authorization", "Bearer " + TestApp.READ_TOKEN)
        .header("Accept", "text/csv")), "/api/builds", "get");
    check(app.get("api/metrics/summary?window=30d"), "/api/metrics/summary", "get");
    check(app.get("api/metrics/summary?from=2021-01-01&to=2021-01-02"), "/api/metrics/summary", "get");
    check(app.get("health"), "/health", "get");
    check(app.send(app.request("health")), "/health", "get");
    checkAlerts();
    checkWebhooks();
    checkEvents();

    Set<String> neverSeen = new TreeSet<>(checker.documentedProperties());
    neverSeen.removeIf(p -> p.startsWith("AlertTestRequest."));
    neverSeen.removeAll(checker.seen());
    assertThat(neverSeen).as("documented fields never seen in a real response").isEmpty();
    Set<String> neverValued = new TreeSet<>(checker.documentedProperties());
    neverValued.removeIf(p -> p.startsWith("AlertTestRequest."));
    neverValued.removeAll(checker.seenNonNull());
    neverValued.removeAll(NULL_IN_TEST_DATA);
    assertThat(neverValued).as("documented fields never seen with a value").isEmpty();
  }

  private HttpResponse<String> admin(String path, String body) throws Exception {
    return app.send(app.request(path).header("Authorization", "Bearer " + TestApp.ADMIN_TOKEN)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private void checkAlerts() throws Exception {
    check(admin("api/alerts/configure", AlertScenarios.VALID), "/api/alerts/configure", "post");
    check(admin("api/alerts/configure", "{\"rules\": [{\"id\": \"x\", \"type\": \"nope\"}]}"),
        "/api/alerts/configure", "post");
    check(admin("api/alerts/configure", "{\"rules\": [{\"id\": \"main-failed\", \"type\": \"failed\", "
        + "\"scope\": {\"branches\": [\"main\"]}}], \"receivers\": [{\"id\": \"team\", \"channel\": "
        + "\"recording\", \"quietHours\": {\"zone\": \"UTC\", \"start\": \"22:00\", \"end\": \"06:00\"}}]}"),
        "/api/alerts/configure", "post");
    check(admin("api/alert/test", "{\"channel\": \"recording\"}"), "/api/alert/test", "post");
    check(admin("api/alert/test", "{\"channel\": \"fax\"}"), "/api/alert/test", "post");
    for (long run = 1; run <= 2; run++) {
      app.ingest(List.of(RunUpdate.builder(BuildId.github("octo-org/contract", run)).workflowName("CI").branch("main")
          .commitSha("abc" + run).status(BuildStatus.COMPLETED).conclusion(run == 1 ? Conclusion.SUCCESS : Conclusion.FAILURE)
          .createdAt(TestApp.NOW.minusSeconds(600 - run * 100)).startedAt(TestApp.NOW.minusSeconds(590 - run * 100))
          .updatedAt(TestApp.NOW.minusSeconds(500 - run * 100)).build()));
    }
    JsonNode alerts = check(app.get("api/alerts"), "/api/alerts", "get");
    assertThat(alerts.path("open")).isNotEmpty();
    check(app.get("api/alerts?limit=0"), "/api/alerts", "get");
  }

  private void checkWebhooks() throws Exception {
    String path = "/api/webhook/github-actions";
    byte[] run = Fixtures.github("workflow_run/completed.json");
    check(app.webhook("workflow_run", "contract-1", run), path, "post");
    check(app.webhook("workflow_run", "contract-1", run), path, "post");
    check(app.webhook("ping", "contract-2", Fixtures.github("ping/none.json")), path, "post");
    check(app.webhook("check_run", "contract-3", Fixtures.github("check_run/completed.json")), path, "post");
    check(app.webhook("workflow_run", "contract-4", "{".getBytes(StandardCharsets.UTF_8)), path, "post");
    check(app.send(app.request("api/webhook/github-actions").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}"))), path, "post");
  }

  private void checkEvents() throws Exception {
    HttpResponse<String> ticket = app.send(app.request("api/events/ticket")
        .header("Authorization", "Bearer " + TestApp.READ_TOKEN).POST(HttpRequest.BodyPublishers.noBody()));
    JsonNode issued = check(ticket, "/api/events/ticket", "post");
    check(app.send(app.request("api/events")), "/api/events", "get");
    try (SseReader reader = SseReader.open(app.client, HttpRequest.newBuilder(
        app.uri("api/events?ticket=" + issued.path("ticket").asText())).build())) {
      assertThat(reader.next(":comment", 5_000)).isNotNull();
      byte[] other = new String(Fixtures.github("workflow_run/completed.json"), StandardCharsets.UTF_8)
          .replace("289782451", "4242").getBytes(StandardCharsets.UTF_8);
      app.webhook("workflow_run", "contract-5", other);
      SseReader.Event event = reader.next("build", 10_000);
      assertThat(event).isNotNull();
      checker.check(Json.parse(event.data()), Json.parse("{\"$ref\":\"#/components/schemas/BuildEvent\"}"),
          "SSE build event");
      app.ingest(List.of(RunUpdate.builder(BuildId.github("octo-org/contract", 3)).workflowName("CI").branch("main")
          .status(BuildStatus.COMPLETED).conclusion(Conclusion.SUCCESS).createdAt(TestApp.NOW.minusSeconds(200))
          .startedAt(TestApp.NOW.minusSeconds(190)).updatedAt(TestApp.NOW.minusSeconds(100)).build()));
      SseReader.Event alert = reader.next("alert", 10_000);
      assertThat(alert).isNotNull();
      checker.check(Json.parse(alert.data()), Json.parse("{\"$ref\":\"#/components/schemas/AlertEvent\"}"),
          "SSE alert event");
    }
  }
}

package dev.cicd.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.ingest.RunUpdate;
import dev.cicd.http.support.Checks;
import dev.cicd.http.support.Container;
import dev.cicd.http.support.Json;
import dev.cicd.http.support.SseReader;
import dev.cicd.http.support.TestApp;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Live updates: SSE delivery, tickets, resume, heartbeats and slow clients. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EventsScenarios {
  private static final AtomicLong RUN_IDS = new AtomicLong(9_000_000);

  TestApp app;

  abstract Container container();

  @BeforeAll
  void start() throws Exception {
    app = TestApp.start(container(), c -> c.sseHeartbeat(Duration.ofMillis(300)));
  }

  @AfterAll
  void stop() throws Exception {
    app.close();
  }

  static RunUpdate run(long runId, String title) {
    return RunUpdate.builder(BuildId.github("octo-org/live", runId)).workflowName("CI").branch("main")
        .title(title).status(BuildStatus.COMPLETED).conclusion(Conclusion.SUCCESS)
        .createdAt(TestApp.NOW.minusSeconds(120)).startedAt(TestApp.NOW.minusSeconds(100)).updatedAt(TestApp.NOW)
        .url("https://github.com/octo-org/live/actions/runs/" + runId).build();
  }

  SseReader connect(TestApp target, String query, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(target.uri("api/events" + query))
        .header("Accept", "text/event-stream");
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return SseReader.open(target.client, request.build());
  }

  SseReader connectWithToken(TestApp target) throws Exception {
    SseReader reader = connect(target, "", "Authorization", "Bearer " + TestApp.READ_TOKEN);
    assertThat(reader.next(":comment", 5_000)).isNotNull();
    return reader;
  }

  String ticket(TestApp target) throws Exception {
    HttpResponse<String> response = target.send(target.request("api/events/ticket")
        .header("Authorization", "Bearer " + TestApp.READ_TOKEN).POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(response.statusCode()).isEqualTo(200);
    return Json.body(response).path("ticket").asText();
  }

  @Test
  @DisplayName("a stored build change reaches a connected client as a build event with the build JSON")
  void buildEvent() throws Exception {
    try (SseReader reader = connectWithToken(app)) {
      assertThat(reader.response().headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
      assertThat(reader.response().headers().firstValue("Content-Security-Policy")).isPresent();
      long runId = RUN_IDS.incrementAndGet();
      app.ingest(List.of(run(runId, "live")));

      SseReader.Event event = reader.next("build", 10_000);
      assertThat(event).isNotNull();
      assertThat(event.id()).matches("[0-9]+");
      JsonNode data = Json.parse(event.data());
      assertThat(data.path("type").asText()).isEqualTo("build");
      assertThat(data.path("build").path("id").asText()).isEqualTo("github:octo-org:live:" + runId);
      assertThat(data.path("build").path("conclusion").asText()).isEqualTo("success");
    }
  }

  @Test
  @DisplayName("heartbeats keep an idle stream alive")
  void heartbeat() throws Exception {
    try (SseReader reader = connectWithToken(app)) {
      SseReader.Event comment = reader.next(":comment", 10_000);
      assertThat(comment).isNotNull();
      assertThat(comment.data()).isEqualTo("heartbeat");
    }
  }

  @Test
  @DisplayName("a ticket opens the stream once without an Authorization header; reuse, forgery and expiry are 401")
  void tickets() throws Exception {
    String ticket = ticket(app);
    try (SseReader reader = connect(app, "?ticket=" + ticket)) {
      assertThat(reader.response().statusCode()).isEqualTo(200);
      assertThat(reader.next(":comment", 5_000)).isNotNull();
    }
    Checks.problem(app.send(app.request("api/events?ticket=" + ticket)), 401);
    String forged = ticket.substring(0, ticket.length() - 2) + (ticket.endsWith("AA") ? "BB" : "AA");
    Checks.problem(app.send(app.request("api/events?ticket=" + forged)), 401);
    String expiring = ticket(app);
    app.clock.advance(Duration.ofMinutes(2));
    try {
      Checks.problem(app.send(app.request("api/events?ticket=" + expiring)), 401);
    } finally {
      app.clock.set(TestApp.NOW);
    }
    Checks.problem(app.send(app.request("api/events/ticket").POST(HttpRequest.BodyPublishers.noBody())), 401);
  }

  @Test
  @DisplayName("Last-Event-ID resumes after the given event; too old an id gets a resync event")
  void resume() throws Exception {
    String lastId;
    try (SseReader reader = connectWithToken(app)) {
      app.ingest(List.of(run(RUN_IDS.incrementAndGet(), "first")));
      lastId = reader.next("build", 10_000).id();
    }
    long second = RUN_IDS.incrementAndGet();
    long third = RUN_IDS.incrementAndGet();
    app.ingest(List.of(run(second, "second"), run(third, "third")));
    try (SseReader resumed = connect(app, "", "Authorization", "Bearer " + TestApp.READ_TOKEN, "Last-Event-ID", lastId)) {
      JsonNode a = Json.parse(resumed.next("build", 10_000).data());
      JsonNode b = Json.parse(resumed.next("build", 10_000).data());
      assertThat(a.path("build").path("title").asText()).isEqualTo("second");
      assertThat(b.path("build").path("title").asText()).isEqualTo("third");
    }
    try (SseReader stale = connect(app, "?lastEventId=999999999", "Authorization", "Bearer " + TestApp.READ_TOKEN)) {
      assertThat(stale.next("resync", 10_000)).isNotNull();
    }
  }

  @Test
  @DisplayName("a client that stops reading is dropped; ingestion never waits for it and others keep receiving")
  void slowClientDropped() throws Exception {
    try (TestApp small = TestApp.start(container(), c -> c.sseClientBuffer(8));
        Socket stalled = new Socket()) {
      stalled.setReceiveBufferSize(1024);
      stalled.connect(new InetSocketAddress("127.0.0.1", small.server.port()));
      OutputStream out = stalled.getOutputStream();
      out.write(("GET /app/cicd/api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
          + TestApp.READ_TOKEN + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = stalled.getInputStream();
      assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
      try (SseReader healthy = connectWithToken(small)) {
        String longTitle = "x".repeat(3_900);
        boolean dropped = false;
        for (int batch = 0; batch < 300 && !dropped; batch++) {
          String last = "last of batch " + batch;
          assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < 50; i++) {
              small.ingest(List.of(run(RUN_IDS.incrementAndGet(), longTitle)));
            }
            small.ingest(List.of(run(RUN_IDS.incrementAndGet(), last)));
          });
          String seen = "";
          while (!seen.equals(last)) {
            SseReader.Event event = healthy.next("build", 10_000);
            assertThat(event).as("the healthy client keeps receiving").isNotNull();
            seen = Json.parse(event.data()).path("build").path("title").asText();
          }
          dropped = small.get("metrics").body().contains("cicd_live_update_clients 1\n");
        }
        assertThat(dropped).as("the stalled client was dropped").isTrue();
      }
    }
  }

  @Test
  @DisplayName("live updates beyond the client limit are refused with 503")
  void clientLimit() throws Exception {
    try (TestApp limited = TestApp.start(container(), c -> c.sseMaxClients(1));
        SseReader first = connectWithToken(limited)) {
      HttpResponse<String> second = limited.send(limited.request("api/events")
          .header("Authorization", "Bearer " + TestApp.READ_TOKEN));
      Checks.problem(second, 503);
      assertThat(first.response().statusCode()).isEqualTo(200);
    }
  }
}

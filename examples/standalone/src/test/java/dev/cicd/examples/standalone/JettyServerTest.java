package dev.cicd.examples.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Graceful stop of the embedded Jetty, with a servlet whose requests the test holds open. */
class JettyServerTest {
  /** "/slow" waits for the test's go; "/api/events" is an endless async stream, like live updates. */
  static final class HoldingServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    final transient CountDownLatch slowStarted = new CountDownLatch(1);
    final transient CountDownLatch streamStarted = new CountDownLatch(1);
    final transient CountDownLatch release = new CountDownLatch(1);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      if (request.getRequestURI().equals("/api/events")) {
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        response.setContentType("text/event-stream");
        response.getOutputStream().print(": open\n\n");
        response.flushBuffer();
        streamStarted.countDown();
        return;
      }
      slowStarted.countDown();
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      response.getWriter().print("done");
    }
  }

  final HttpClient http = HttpClient.newHttpClient();

  @Test
  @DisplayName("stop refuses new connections, lets a request in flight finish, and does not wait for live-update streams")
  void gracefulStop() throws Exception {
    HoldingServlet servlet = new HoldingServlet();
    JettyServer jetty = JettyServer.start(0, servlet, Duration.ofSeconds(20));
    int port = jetty.port();
    InputStream stream = openStream(port);
    assertThat(servlet.streamStarted.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<HttpResponse<String>> slow = http.sendAsync(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(servlet.slowStarted.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(jetty::stop);
    awaitRefused(port);
    assertThat(stopped).as("still waiting for the request in flight").isNotDone();
    servlet.release.countDown();

    assertThat(slow.get(20, TimeUnit.SECONDS).body()).isEqualTo("done");
    assertThat(stopped.get(20, TimeUnit.SECONDS)).as("stopped gracefully, before the stop timeout").isTrue();
    assertThat(stream.readAllBytes()).as("the stream ended with the server").isNotNull();
  }

  @Test
  @DisplayName("a request still running at the stop timeout is cut off, and stop says so")
  void stopTimeout() throws Exception {
    HoldingServlet servlet = new HoldingServlet();
    JettyServer jetty = JettyServer.start(0, servlet, Duration.ofMillis(500));
    CompletableFuture<HttpResponse<String>> slow = http.sendAsync(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + jetty.port() + "/slow")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(servlet.slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(jetty.stop()).isFalse();
    servlet.release.countDown();
    assertThatThrownBy(() -> slow.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
  }

  /** "/app.js" answers a script of 20 KB; "/api/events" an event stream that ends after its first event. */
  static final class ContentServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String SCRIPT = "export const answer = 42; // padding\n".repeat(550);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      boolean events = request.getRequestURI().equals("/api/events");
      response.setContentType(events ? "text/event-stream" : "text/javascript");
      response.getWriter().print(events ? "data: " + "x".repeat(2_000) + "\n\n" : SCRIPT);
    }
  }

  @Test
  @DisplayName("responses are gzip-compressed for clients that accept it; the live-update stream is not")
  void compression() throws Exception {
    JettyServer jetty = JettyServer.start(0, new ContentServlet(), Duration.ofSeconds(5));
    try {
      HttpResponse<byte[]> gzipped = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + jetty.port() + "/app.js")).header("Accept-Encoding", "gzip").build(),
          HttpResponse.BodyHandlers.ofByteArray());
      HttpResponse<String> plain = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + jetty.port() + "/app.js")).build(), HttpResponse.BodyHandlers.ofString());
      HttpResponse<byte[]> stream = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + jetty.port() + "/api/events")).header("Accept-Encoding", "gzip").build(),
          HttpResponse.BodyHandlers.ofByteArray());

      assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
      assertThat(gzipped.body().length).isLessThan(ContentServlet.SCRIPT.length() / 10);
      try (InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.body()))) {
        assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
            .isEqualTo(ContentServlet.SCRIPT);
      }
      assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
      assertThat(plain.body()).isEqualTo(ContentServlet.SCRIPT);
      assertThat(stream.headers().firstValue("Content-Encoding")).isEmpty();
      assertThat(new String(stream.body(), java.nio.charset.StandardCharsets.UTF_8)).startsWith("data: xxx");
    } finally {
      jetty.stop();
    }
  }

  @Test
  @DisplayName("errors Jetty answers before the servlet (a URI too long, headers too large) are problem+json too")
  void errorsOutsideTheServletAreProblemJson() throws Exception {
    JettyServer jetty = JettyServer.start(0, new ContentServlet(), Duration.ofSeconds(5));
    try {
      HttpResponse<String> longUri = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + jetty.port() + "/api/builds?repository=" + "a".repeat(20_000))).build(),
          HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> bigHeader = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + jetty.port() + "/app.js")).header("X-Padding", "p".repeat(20_000)).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(longUri.statusCode()).isEqualTo(414);
      assertThat(longUri.headers().firstValue("Content-Type")).hasValueSatisfying(
          type -> assertThat(type).startsWith("application/problem+json"));
      com.fasterxml.jackson.databind.JsonNode problem =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(longUri.body());
      assertThat(problem.path("status").asInt()).isEqualTo(414);
      assertThat(problem.path("title").asText()).isEqualTo("URI Too Long");
      assertThat(problem.path("detail").asText()).isNotBlank();
      assertThat(bigHeader.statusCode()).isEqualTo(431);
      assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(bigHeader.body()).path("status").asInt())
          .isEqualTo(431);
    } finally {
      jetty.stop();
    }
  }

  private static InputStream openStream(int port) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.getOutputStream().write(("GET /api/events HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes());
    socket.getOutputStream().flush();
    return socket.getInputStream();
  }

  private static void awaitRefused(int port) throws Exception {
    for (int i = 0; i < 200; i++) {
      try (Socket probe = new Socket("127.0.0.1", port)) {
        Thread.sleep(50);
      } catch (ConnectException refused) {
        return;
      }
    }
    throw new AssertionError("the server kept accepting connections after stop() began");
  }
}

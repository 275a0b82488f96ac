package dev.cicd.github;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cicd.core.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A GitHub REST API on MockWebServer over real HTTP: repositories with runs (newest first) and jobs
 * per attempt, pagination by {@code Link} headers, {@code created} filtering, ETags and 304s, and
 * rate-limit headers. Tests can put scripted responses in front of any path. Every request is logged
 * with the test clock's time.
 */
final class FakeGitHub implements AutoCloseable {
  /** One request as the server saw it, at the test clock's time. */
  record Request(Instant at, String method, String path, HttpUrl url, okhttp3.Headers headers) {}

  final MockWebServer server = new MockWebServer();
  final MutableClock clock;
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, List<ObjectNode>> runs = new HashMap<>();
  private final Map<String, List<ObjectNode>> jobs = new HashMap<>();
  private final Map<String, Deque<MockResponse>> scripted = new LinkedHashMap<>();
  private final Map<String, ObjectNode> workflows = new HashMap<>();
  private final Map<String, ObjectNode> attempts = new HashMap<>();
  private final Map<String, List<ObjectNode>> deployments = new HashMap<>();
  private long remaining = 5000;

  FakeGitHub(MutableClock clock) throws IOException {
    this.clock = clock;
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return handle(request);
      }
    });
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    server.start();
  }

  String apiUrl() {
    String url = server.url("/api/v3").toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** Runs of a repository, newest first (the fake keeps the given order). */
  synchronized void runs(String repository, List<ObjectNode> newestFirst) {
    runs.put(repository, new ArrayList<>(newestFirst));
  }

  synchronized List<ObjectNode> runs(String repository) {
    return runs.get(repository);
  }

  synchronized void jobs(String repository, long runId, int attempt, List<ObjectNode> jobList) {
    jobs.put(repository + "#" + runId + "#" + attempt, new ArrayList<>(jobList));
  }

  /** The run as an earlier attempt left it ({@code /runs/{id}/attempts/{n}}; the latest attempt is the run itself). */
  synchronized void attempt(String repository, long runId, int attempt, ObjectNode run) {
    attempts.put(repository + "#" + runId + "#" + attempt, run);
  }

  /** Deployments of a repository, newest first ({@code /deployments}), each with its statuses, newest first. */
  synchronized void deployments(String repository, List<ObjectNode> newestFirst) {
    deployments.put(repository, new ArrayList<>(newestFirst));
  }

  synchronized void deploymentStatuses(String repository, long deploymentId, List<ObjectNode> newestFirst) {
    deployments.put(repository + "#" + deploymentId, new ArrayList<>(newestFirst));
  }

  synchronized void workflows(String repository, ObjectNode body) {
    workflows.put(repository, body);
  }

  /**
   * Responses served, in order, for requests to exactly this path (without /api/v3), or this path and query
   * ({@code /repos/o/r/deployments?per_page=100&page=2}), before the model answers.
   */
  synchronized void script(String path, MockResponse... responses) {
    scripted.computeIfAbsent(path, k -> new ArrayDeque<>()).addAll(List.of(responses));
  }

  List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  int requestCount() {
    return requests().size();
  }

  private synchronized MockResponse handle(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    String path = url.encodedPath().replaceFirst("^/api/v3", "");
    requests.add(new Request(clock.instant(), request.getMethod(), path, url, request.getHeaders()));
    String pathAndQuery = url.encodedQuery() == null ? path : path + "?" + url.encodedQuery();
    for (Map.Entry<String, Deque<MockResponse>> entry : scripted.entrySet()) {
      boolean matches = path.equals(entry.getKey()) || pathAndQuery.equals(entry.getKey());
      if (matches && !entry.getValue().isEmpty()) {
        return entry.getValue().poll();
      }
    }
    String[] parts = path.split("/");
    if (parts.length >= 5 && parts[1].equals("repos") && parts[4].equals("deployments")) {
      String key = parts[2] + "/" + parts[3] + (parts.length == 7 && parts[6].equals("statuses") ? "#" + parts[5] : "");
      List<ObjectNode> list = parts.length == 5 || parts.length == 7 ? deployments.get(key) : null;
      return list == null ? json(404, "{\"message\":\"Not Found\"}", request, null)
          : page(list, url, request, items -> RunFactory.MAPPER.createArrayNode().addAll(items).toString());
    }
    // /repos/{owner}/{repo}/actions/...
    if (parts.length < 6 || !parts[1].equals("repos")) {
      return json(404, "{\"message\":\"Not Found\"}", request, null);
    }
    String repository = parts[2] + "/" + parts[3];
    if (!runs.containsKey(repository)) {
      return json(404, "{\"message\":\"Not Found\"}", request, null);
    }
    if (parts.length == 6 && parts[5].equals("runs")) {
      return runsPage(repository, url, request);
    }
    if (parts.length == 7 && parts[5].equals("runs")) {
      long id = Long.parseLong(parts[6]);
      return runs.get(repository).stream().filter(r -> r.get("id").asLong() == id).findFirst()
          .map(r -> json(200, r.toString(), request, null))
          .orElseGet(() -> json(404, "{\"message\":\"Not Found\"}", request, null));
    }
    if (parts.length == 9 && parts[5].equals("runs") && parts[7].equals("attempts")) {
      long id = Long.parseLong(parts[6]);
      ObjectNode earlier = attempts.get(repository + "#" + id + "#" + parts[8]);
      ObjectNode latest = runs.get(repository).stream().filter(r -> r.get("id").asLong() == id)
          .filter(r -> r.get("run_attempt").asText().equals(parts[8])).findFirst().orElse(null);
      ObjectNode found = earlier != null ? earlier : latest;
      return found == null ? json(404, "{\"message\":\"Not Found\"}", request, null)
          : json(200, found.toString(), request, null);
    }
    if (parts.length == 10 && parts[7].equals("attempts") && parts[9].equals("jobs")) {
      List<ObjectNode> list = jobs.getOrDefault(repository + "#" + parts[6] + "#" + parts[8], List.of());
      return page(list, url, request, items -> RunFactory.list("jobs", items, list.size()).toString());
    }
    if (parts.length == 6 && parts[5].equals("workflows") && workflows.containsKey(repository)) {
      return json(200, workflows.get(repository).toString(), request, null);
    }
    return json(404, "{\"message\":\"Not Found\"}", request, null);
  }

  private MockResponse runsPage(String repository, HttpUrl url, RecordedRequest request) {
    List<ObjectNode> selected = new ArrayList<>(runs.get(repository));
    String created = url.queryParameter("created");
    if (created != null) {
      String[] range = created.split("\\.\\.");
      Instant from = Instant.parse(range[0]);
      Instant to = Instant.parse(range[1]);
      selected.removeIf(r -> {
        Instant at = Instant.parse(r.get("created_at").asText());
        return at.isBefore(from) || at.isAfter(to);
      });
    }
    return page(selected, url, request, items -> RunFactory.list("workflow_runs", items, selected.size()).toString());
  }

  /** The page of {@code all} that {@code per_page} and {@code page} ask for, with GitHub's next and last links. */
  private MockResponse page(List<ObjectNode> all, HttpUrl url, RecordedRequest request,
      Function<List<ObjectNode>, String> body) {
    int perPage = Integer.parseInt(url.queryParameter("per_page") == null ? "30" : url.queryParameter("per_page"));
    int page = Integer.parseInt(url.queryParameter("page") == null ? "1" : url.queryParameter("page"));
    int fromIndex = Math.min((page - 1) * perPage, all.size());
    int toIndex = Math.min(fromIndex + perPage, all.size());
    String link = null;
    if (toIndex < all.size()) {
      HttpUrl next = url.newBuilder().setQueryParameter("page", String.valueOf(page + 1)).build();
      int last = (all.size() + perPage - 1) / perPage;
      HttpUrl lastUrl = url.newBuilder().setQueryParameter("page", String.valueOf(last)).build();
      link = "<" + next + ">; rel=\"next\", <" + lastUrl + ">; rel=\"last\"";
    }
    return json(200, body.apply(all.subList(fromIndex, toIndex)), request, link);
  }

  /** A JSON response with a strong ETag over the body; 304 when the request's If-None-Match matches. */
  private MockResponse json(int code, String body, RecordedRequest request, String link) {
    String etag = "\"" + sha256(body) + "\"";
    long reset = clock.instant().getEpochSecond() + 3600;
    MockResponse.Builder response = new MockResponse.Builder()
        .addHeader("X-RateLimit-Limit", "5000")
        .addHeader("X-RateLimit-Reset", String.valueOf(reset))
        .addHeader("X-RateLimit-Resource", "core");
    if (code == 200 && etag.equals(request.getHeaders().get("If-None-Match"))) {
      return response.code(304).addHeader("ETag", etag).addHeader("X-RateLimit-Remaining", String.valueOf(remaining))
          .build();
    }
    remaining--;
    response.code(code).addHeader("Content-Type", "application/json; charset=utf-8")
        .addHeader("X-RateLimit-Remaining", String.valueOf(remaining)).body(body);
    if (code == 200) {
      response.addHeader("ETag", etag);
    }
    if (link != null) {
      response.addHeader("Link", link);
    }
    return response.build();
  }

  /** Sends small responses at once (no Nagle delay against the client's delayed ACK). */
  private static final class NoDelayServerSocketFactory extends javax.net.ServerSocketFactory {
    @Override
    public java.net.ServerSocket createServerSocket() throws IOException {
      return new java.net.ServerSocket() {
        @Override
        public java.net.Socket accept() throws IOException {
          java.net.Socket socket = super.accept();
          socket.setTcpNoDelay(true);
          return socket;
        }
      };
    }

    @Override
    public java.net.ServerSocket createServerSocket(int port) throws IOException {
      throw new UnsupportedOperationException("unbound sockets only");
    }

    @Override
    public java.net.ServerSocket createServerSocket(int port, int backlog) throws IOException {
      throw new UnsupportedOperationException("unbound sockets only");
    }

    @Override
    public java.net.ServerSocket createServerSocket(int port, int backlog, java.net.InetAddress address)
        throws IOException {
      throw new UnsupportedOperationException("unbound sockets only");
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}

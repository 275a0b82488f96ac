package dev.cicd.examples.standalone.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cicd.examples.standalone.history.RunHistory.Attempt;
import dev.cicd.examples.standalone.history.RunHistory.Deployment;
import dev.cicd.examples.standalone.history.RunHistory.Run;
import dev.cicd.examples.standalone.history.RunHistory.Status;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * GitHub's REST API over a {@link RunHistory} as it stands (MockWebServer, real HTTP, under {@code /api/v3}): run
 * listings newest first with the {@code created=FROM..TO} filter and {@code Link} pagination, a run, a run at an
 * earlier attempt and the jobs of an attempt, deployments and their statuses (newest first, one page), all built
 * like the webhooks ({@link HistoryDeliveries}).
 */
final class HistoryGitHub implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MockResponse NOT_FOUND = new MockResponse.Builder().code(404)
      .addHeader("Content-Type", "application/json").body("{\"message\":\"Not Found\"}").build();

  private final List<Run> newestFirst;
  private final List<Deployment> deploymentsNewestFirst;
  private final MockWebServer server = new MockWebServer();
  private final AtomicInteger requests = new AtomicInteger();

  HistoryGitHub(RunHistory history) throws IOException {
    newestFirst = history.runs().stream()
        .sorted(Comparator.comparing(Run::createdAt).thenComparingLong(Run::id).reversed()).toList();
    deploymentsNewestFirst = history.deployments().stream()
        .sorted(Comparator.comparing((Deployment d) -> d.statuses().get(0).createdAt()).reversed()).toList();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        requests.incrementAndGet();
        return handle(request.getUrl());
      }
    });
    server.start();
  }

  /** The API base the app is given ({@code CICD_GITHUB_API_URL}). */
  String apiUrl() {
    String url = server.url("/api/v3").toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  int requests() {
    return requests.get();
  }

  private MockResponse handle(HttpUrl url) {
    // /api/v3/repos/{owner}/{repo}/actions/runs[/{id}[/attempts/{n}[/jobs]]], /api/v3/repos/{owner}/{repo}/deployments
    List<String> parts = url.pathSegments();
    if (parts.size() >= 6 && parts.get(2).equals("repos") && parts.get(5).equals("deployments")) {
      return deployments(parts.get(3) + "/" + parts.get(4), parts);
    }
    if (parts.size() < 7 || !parts.get(2).equals("repos") || !parts.get(5).equals("actions")) {
      return NOT_FOUND;
    }
    String repository = parts.get(3) + "/" + parts.get(4);
    if (parts.size() == 7 && parts.get(6).equals("workflows")) {
      return ok(JSON.createObjectNode().put("total_count", 0).set("workflows", JSON.createArrayNode()), null);
    }
    if (!parts.get(6).equals("runs")) {
      return NOT_FOUND;
    }
    if (parts.size() == 7) {
      return listing(repository, url);
    }
    Optional<Run> run = newestFirst.stream()
        .filter(r -> r.repository().equals(repository) && Long.toString(r.id()).equals(parts.get(7))).findFirst();
    if (run.isEmpty()) {
      return NOT_FOUND;
    }
    if (parts.size() == 8) {
      return ok(HistoryDeliveries.restRun(run.get(), run.get().latest()), null);
    }
    Optional<Attempt> attempt = parts.get(8).equals("attempts") && parts.size() >= 10
        ? run.get().attempts().stream().filter(a -> Integer.toString(a.number()).equals(parts.get(9))).findFirst()
        : Optional.empty();
    if (attempt.isEmpty()) {
      return NOT_FOUND;
    }
    if (parts.size() == 10) {
      return ok(HistoryDeliveries.restRun(run.get(), attempt.get()), null);
    }
    if (parts.size() == 11 && parts.get(10).equals("jobs")) {
      List<ObjectNode> jobs = HistoryDeliveries.restJobs(run.get(), attempt.get());
      ObjectNode body = JSON.createObjectNode().put("total_count", jobs.size());
      body.putArray("jobs").addAll(jobs);
      return ok(body, null);
    }
    return NOT_FOUND;
  }

  /** All deployments of a repository newest first (one page), or one's statuses newest first. */
  private MockResponse deployments(String repository, List<String> parts) {
    List<Deployment> of = deploymentsNewestFirst.stream().filter(d -> d.repository().equals(repository)).toList();
    ArrayNode body = JSON.createArrayNode();
    if (parts.size() == 6) {
      of.forEach(d -> body.add(HistoryDeliveries.restDeployment(d)));
      return ok(body, null);
    }
    Optional<Deployment> deployment = of.stream()
        .filter(d -> parts.size() == 8 && parts.get(7).equals("statuses") && Long.toString(d.id()).equals(parts.get(6)))
        .findFirst();
    if (deployment.isEmpty()) {
      return NOT_FOUND;
    }
    List<Status> statuses = new ArrayList<>(deployment.get().statuses());
    Collections.reverse(statuses);
    statuses.forEach(s -> body.add(HistoryDeliveries.restStatus(deployment.get(), s)));
    return ok(body, null);
  }

  private MockResponse listing(String repository, HttpUrl url) {
    List<Run> selected = newestFirst.stream().filter(r -> r.repository().equals(repository)).toList();
    String created = url.queryParameter("created");
    if (created != null) {
      Instant from = Instant.parse(created.substring(0, created.indexOf("..")));
      Instant to = Instant.parse(created.substring(created.indexOf("..") + 2));
      selected = selected.stream().filter(r -> !r.createdAt().isBefore(from) && !r.createdAt().isAfter(to)).toList();
    }
    int perPage = Integer.parseInt(Optional.ofNullable(url.queryParameter("per_page")).orElse("30"));
    int page = Integer.parseInt(Optional.ofNullable(url.queryParameter("page")).orElse("1"));
    int first = Math.min((page - 1) * perPage, selected.size());
    int last = Math.min(first + perPage, selected.size());
    ObjectNode body = JSON.createObjectNode().put("total_count", selected.size());
    ArrayNode runs = body.putArray("workflow_runs");
    selected.subList(first, last).forEach(run -> runs.add(HistoryDeliveries.restRun(run, run.latest())));
    String link = last < selected.size()
        ? "<" + url.newBuilder().setQueryParameter("page", String.valueOf(page + 1)).build() + ">; rel=\"next\""
        : null;
    return ok(body, link);
  }

  private static MockResponse ok(JsonNode body, String link) {
    MockResponse.Builder response = new MockResponse.Builder().code(200)
        .addHeader("Content-Type", "application/json; charset=utf-8")
        .addHeader("X-RateLimit-Limit", "5000").addHeader("X-RateLimit-Remaining", "4999")
        .addHeader("X-RateLimit-Reset", String.valueOf(Instant.now().getEpochSecond() + 3600))
        .addHeader("X-RateLimit-Resource", "core").body(body.toString());
    if (link != null) {
      response.addHeader("Link", link);
    }
    return response.build();
  }

  @Override
  public void close() {
    server.close();
  }
}

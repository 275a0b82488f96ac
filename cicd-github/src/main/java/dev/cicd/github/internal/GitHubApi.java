package dev.cicd.github.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * The GitHub REST endpoints this library uses, relative to the configured API base (github.com or
 * {@code https://HOST/api/v3}), and reading of their list bodies.
 */
public final class GitHubApi {
  /** Largest page GitHub serves. */
  public static final int PER_PAGE = 100;
  /** Filtered run listings return at most this many results; larger windows are split. */
  public static final int FILTERED_RESULT_CAP = 1_000;

  private final GitHubHttp http;

  public GitHubApi(GitHubHttp http) {
    this.http = http;
  }

  public GitHubHttp http() {
    return http;
  }

  /** {@code GET /repos/{owner}/{repo}/actions/runs?per_page=100[&created=from..to]}. */
  public HttpUrl runs(String repository, @Nullable String created) {
    HttpUrl.Builder url = repo(repository).addPathSegments("actions/runs")
        .addQueryParameter("per_page", String.valueOf(PER_PAGE));
    if (created != null) {
      url.addQueryParameter("created", created);
    }
    return url.build();
  }

  /** {@code GET /repos/{owner}/{repo}/actions/runs/{run_id}}. */
  public HttpUrl run(String repository, long runId) {
    return repo(repository).addPathSegments("actions/runs").addPathSegment(Long.toString(runId)).build();
  }

  /** {@code GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt}}: the run as that attempt left it. */
  public HttpUrl attempt(String repository, long runId, int attempt) {
    return attemptPath(repository, runId, attempt).build();
  }

  /** {@code GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt}/jobs?per_page=100}. */
  public HttpUrl jobs(String repository, long runId, int attempt) {
    return attemptPath(repository, runId, attempt).addPathSegment("jobs")
        .addQueryParameter("per_page", String.valueOf(PER_PAGE)).build();
  }

  private HttpUrl.Builder attemptPath(String repository, long runId, int attempt) {
    return repo(repository).addPathSegments("actions/runs").addPathSegment(Long.toString(runId))
        .addPathSegment("attempts").addPathSegment(Integer.toString(attempt));
  }

  /** {@code GET /repos/{owner}/{repo}/deployments?per_page=100} (newest first). */
  public HttpUrl deployments(String repository) {
    return repo(repository).addPathSegment("deployments").addQueryParameter("per_page", String.valueOf(PER_PAGE))
        .build();
  }

  /** {@code GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses?per_page=100} (newest first). */
  public HttpUrl deploymentStatuses(String repository, long deploymentId) {
    return repo(repository).addPathSegment("deployments").addPathSegment(Long.toString(deploymentId))
        .addPathSegment("statuses").addQueryParameter("per_page", String.valueOf(PER_PAGE)).build();
  }

  /** {@code GET /repos/{owner}/{repo}/actions/workflows?per_page=100}. */
  public HttpUrl workflows(String repository) {
    return repo(repository).addPathSegments("actions/workflows")
        .addQueryParameter("per_page", String.valueOf(PER_PAGE)).build();
  }

  /** {@code GET /repos/{owner}/{repo}/hooks/{hook_id}/deliveries?per_page=100}. */
  public HttpUrl hookDeliveries(String repository, long hookId) {
    return repo(repository).addPathSegment("hooks").addPathSegment(Long.toString(hookId))
        .addPathSegment("deliveries").addQueryParameter("per_page", String.valueOf(PER_PAGE)).build();
  }

  /** {@code POST /repos/{owner}/{repo}/hooks/{hook_id}/deliveries/{delivery_id}/attempts}. */
  public HttpUrl redeliver(String repository, long hookId, long deliveryId) {
    return repo(repository).addPathSegment("hooks").addPathSegment(Long.toString(hookId))
        .addPathSegment("deliveries").addPathSegment(Long.toString(deliveryId)).addPathSegment("attempts").build();
  }

  private HttpUrl.Builder repo(String repository) {
    int slash = repository.indexOf('/');
    return http.base().newBuilder().addPathSegment("repos")
        .addPathSegment(repository.substring(0, slash)).addPathSegment(repository.substring(slash + 1));
  }

  /** The objects of a list body ({@code {"total_count": n, "<field>": [...]}}, or a bare array). */
  public static List<Fields> items(JsonNode body, @Nullable String field) {
    if (field == null) {
      if (!body.isArray()) {
        throw new PayloadException("invalid payload: expected a JSON array, but was " + Fields.kind(body));
      }
      java.util.ArrayList<Fields> items = new java.util.ArrayList<>();
      for (int i = 0; i < body.size(); i++) {
        items.add(Fields.of(body.get(i), "[" + i + "]"));
      }
      return items;
    }
    return Fields.of(body, "").objects(field);
  }

  /** {@code total_count} of a list body; -1 when absent. */
  public static long totalCount(JsonNode body) {
    return Fields.of(body, "").longOr("total_count", -1);
  }
}

package dev.cicd.benchmarks.ingest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed GitHub {@code workflow_run} and {@code workflow_job} deliveries shaped like real ones (the
 * repository, sender and URL fields GitHub sends; about 5 KB each), with unique delivery ids.
 * Not thread-safe (one per sending thread): it keeps its own {@link Mac}.
 */
public final class Payloads {
  /** One delivery ready to post. */
  public record Delivery(String id, String event, byte[] body, String signature) {}

  private static final String REPO = "octo-org/octo-repo";
  private static final long SPREAD_SECONDS = 6_600;
  private static final String API = "https://api.github.com/repos/" + REPO;
  private static final String REPOSITORY = repository();
  private static final String SENDER = "{\"login\":\"octocat\",\"id\":583231,\"node_id\":\"MDQ6VXNlcjU4MzIzMQ==\","
      + "\"avatar_url\":\"https://avatars.githubusercontent.com/u/583231?v=4\",\"type\":\"User\",\"site_admin\":false,"
      + "\"url\":\"https://api.github.com/users/octocat\",\"html_url\":\"https://github.com/octocat\"}";

  private final Mac mac;
  /**
   * Runs start between two hours and ten minutes before the generator started, as live webhooks report builds
   * of the last minutes: their days are today's or yesterday's, which no save stamps ({@code build_day}). (Until
   * session 9 every run started on 2026-01-05, a settled day, so every batch also bumped that day's stamp row.)
   */
  private final Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));

  public Payloads(String secret) {
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** A completed {@code workflow_run} of run {@code runId}. */
  public Delivery run(String deliveryId, long runId) {
    Instant created = base.plusSeconds(runId % SPREAD_SECONDS);
    String body = "{\"action\":\"completed\",\"workflow_run\":{\"id\":" + runId + ",\"name\":\"CI\",\"node_id\":\"WFR_"
        + runId + "\",\"head_branch\":\"main\",\"head_sha\":\"3484a3fb816e0859fd6e1cea078d76385ff5" + (runId % 10_000)
        + "\",\"path\":\".github/workflows/ci.yml\",\"display_title\":\"Update dependencies (#" + runId + ")\","
        + "\"run_number\":" + runId + ",\"event\":\"push\",\"status\":\"completed\",\"conclusion\":\""
        + (runId % 7 == 0 ? "failure" : "success") + "\",\"workflow_id\":2823525,\"check_suite_id\":1291536064,"
        + "\"url\":\"" + API + "/actions/runs/" + runId + "\",\"html_url\":\"https://github.com/" + REPO
        + "/actions/runs/" + runId + "\",\"pull_requests\":[],\"created_at\":\"" + created + "\",\"updated_at\":\""
        + created.plusSeconds(300) + "\",\"run_attempt\":1,\"run_started_at\":\"" + created.plusSeconds(5) + "\","
        + "\"jobs_url\":\"" + API + "/actions/runs/" + runId + "/jobs\",\"logs_url\":\"" + API + "/actions/runs/" + runId
        + "/logs\",\"artifacts_url\":\"" + API + "/actions/runs/" + runId + "/artifacts\",\"cancel_url\":\"" + API
        + "/actions/runs/" + runId + "/cancel\",\"rerun_url\":\"" + API + "/actions/runs/" + runId + "/rerun\","
        + "\"previous_attempt_url\":null,\"workflow_url\":\"" + API + "/actions/workflows/2823525\","
        + "\"head_commit\":{\"id\":\"3484a3fb\",\"message\":\"Update dependencies\",\"timestamp\":\"" + created
        + "\",\"author\":{\"name\":\"Octo Cat\",\"email\":\"octocat@example.com\"}},\"actor\":" + SENDER
        + ",\"triggering_actor\":" + SENDER + ",\"repository\":" + REPOSITORY + ",\"head_repository\":" + REPOSITORY
        + "},\"workflow\":{\"id\":2823525,\"name\":\"CI\",\"path\":\".github/workflows/ci.yml\",\"state\":\"active\"},"
        + "\"repository\":" + REPOSITORY + ",\"sender\":" + SENDER + "}";
    return sign(deliveryId, "workflow_run", body);
  }

  /** A completed {@code workflow_job} (job {@code jobId}) of run {@code runId}, with three steps. */
  public Delivery job(String deliveryId, long runId, long jobId) {
    Instant created = base.plusSeconds(runId % SPREAD_SECONDS);
    StringBuilder steps = new StringBuilder("[");
    String[] names = {"Set up job", "Run actions/checkout@v4", "Build and test"};
    for (int i = 0; i < names.length; i++) {
      steps.append(i == 0 ? "" : ",").append("{\"name\":\"").append(names[i]).append("\",\"status\":\"completed\","
          + "\"conclusion\":\"success\",\"number\":").append(i + 1).append(",\"started_at\":\"")
          .append(created.plusSeconds(10 + i * 20L)).append("\",\"completed_at\":\"").append(created.plusSeconds(29 + i * 20L))
          .append("\"}");
    }
    String body = "{\"action\":\"completed\",\"workflow_job\":{\"id\":" + jobId + ",\"run_id\":" + runId
        + ",\"workflow_name\":\"CI\",\"head_branch\":\"main\",\"run_url\":\"" + API + "/actions/runs/" + runId
        + "\",\"run_attempt\":1,\"node_id\":\"CR_" + jobId + "\",\"head_sha\":\"3484a3fb816e0859fd6e1cea078d76385ff5"
        + (runId % 10_000) + "\",\"url\":\"" + API + "/actions/jobs/" + jobId + "\",\"html_url\":\"https://github.com/"
        + REPO + "/actions/runs/" + runId + "/job/" + jobId + "\",\"status\":\"completed\",\"conclusion\":\"success\","
        + "\"created_at\":\"" + created + "\",\"started_at\":\"" + created.plusSeconds(8) + "\",\"completed_at\":\""
        + created.plusSeconds(90) + "\",\"name\":\"build\",\"steps\":" + steps + "],\"check_run_url\":\"" + API
        + "/check-runs/" + jobId + "\",\"labels\":[\"ubuntu-latest\"],\"runner_id\":5,\"runner_name\":"
        + "\"GitHub Actions 5\",\"runner_group_id\":2,\"runner_group_name\":\"GitHub Actions\"},"
        + "\"repository\":" + REPOSITORY + ",\"sender\":" + SENDER + "}";
    return sign(deliveryId, "workflow_job", body);
  }

  private Delivery sign(String deliveryId, String event, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    return new Delivery(deliveryId, event, body, signature);
  }

  private static String repository() {
    StringBuilder b = new StringBuilder("{\"id\":186853002,\"node_id\":\"MDEwOlJlcG9zaXRvcnkxODY4NTMwMDI=\","
        + "\"name\":\"octo-repo\",\"full_name\":\"" + REPO + "\",\"private\":false,\"owner\":{\"login\":\"octo-org\","
        + "\"id\":6811672,\"type\":\"Organization\",\"url\":\"https://api.github.com/users/octo-org\"},"
        + "\"html_url\":\"https://github.com/" + REPO + "\",\"description\":null,\"fork\":false,\"url\":\"" + API + "\"");
    String[] links = {"forks", "keys", "collaborators", "teams", "hooks", "issue_events", "events", "assignees",
        "branches", "tags", "blobs", "git_tags", "git_refs", "trees", "statuses", "languages", "stargazers",
        "contributors", "subscribers", "subscription", "commits", "git_commits", "comments", "issue_comment",
        "contents", "compare", "merges", "archive", "downloads", "issues", "pulls", "milestones", "notifications",
        "labels", "releases", "deployments"};
    for (String link : links) {
      b.append(",\"").append(link).append("_url\":\"").append(API).append('/').append(link).append("{/id}\"");
    }
    return b.append(",\"default_branch\":\"main\",\"visibility\":\"public\"}").toString();
  }
}

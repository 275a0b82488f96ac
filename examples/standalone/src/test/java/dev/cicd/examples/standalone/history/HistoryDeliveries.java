package dev.cicd.examples.standalone.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cicd.examples.standalone.GitHubWebhooks;
import dev.cicd.examples.standalone.history.RunHistory.Attempt;
import dev.cicd.examples.standalone.history.RunHistory.Deployment;
import dev.cicd.examples.standalone.history.RunHistory.Job;
import dev.cicd.examples.standalone.history.RunHistory.Run;
import dev.cicd.examples.standalone.history.RunHistory.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The webhook deliveries GitHub sends for a {@link RunHistory}, built on real payloads (the fixtures): per attempt
 * {@code workflow_run} requested, in_progress and completed, per job {@code workflow_job} queued, in_progress and
 * completed, as far as each got, and per deployment status a {@code deployment_status}. A queued job carries
 * {@code started_at} equal to {@code created_at}, as GitHub's do.
 */
final class HistoryDeliveries {
  record Delivery(String event, String id, byte[] body) {
    Delivery sentAgainAs(String newId) {
      return new Delivery(event, newId, body);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectNode RUN = template("workflow_run/completed.json");
  private static final ObjectNode JOB = template("workflow_job/completed.json");
  private static final ObjectNode DEPLOYMENT_STATUS = template("deployment_status/created.json");

  private HistoryDeliveries() {}

  static List<Delivery> of(RunHistory history) {
    List<Delivery> deliveries = new ArrayList<>();
    for (Run run : history.runs()) {
      for (Attempt attempt : run.attempts()) {
        deliveries.add(run(run, attempt, "requested", "queued", null, attempt.startedAt()));
        deliveries.add(run(run, attempt, "in_progress", "in_progress", null, attempt.startedAt().plusSeconds(1)));
        if (attempt.completed()) {
          deliveries.add(run(run, attempt, "completed", "completed", attempt.conclusion(), attempt.completedAt()));
        }
        for (Job job : attempt.jobs()) {
          deliveries.add(job(run, attempt, job, "queued", job.createdAt(), null));
          if (job.startedAt() != null) {
            deliveries.add(job(run, attempt, job, "in_progress", job.startedAt(), null));
          }
          if (job.completedAt() != null) {
            deliveries.add(job(run, attempt, job, "completed", job.startedAt(), job.completedAt()));
          }
        }
      }
    }
    for (Deployment deployment : history.deployments()) {
      deployment.statuses().forEach(status -> deliveries.add(deploymentStatus(deployment, status)));
    }
    return deliveries;
  }

  private static Delivery run(Run run, Attempt attempt, String action, String status, @Nullable String conclusion,
      Instant updatedAt) {
    ObjectNode body = RUN.deepCopy();
    body.put("action", action);
    repository(body, run.repository());
    ObjectNode workflow = (ObjectNode) body.get("workflow");
    workflow.put("id", run.workflowId()).put("name", run.workflow()).put("path", path(run));
    ObjectNode object = (ObjectNode) body.get("workflow_run");
    object.put("id", run.id()).put("run_number", run.id() - 7_000_000_000L).put("run_attempt", attempt.number())
        .put("name", run.workflow()).put("workflow_id", run.workflowId()).put("path", path(run))
        .put("head_branch", run.branch()).put("event", "push").put("status", status)
        .put("created_at", run.createdAt().toString()).put("run_started_at", attempt.startedAt().toString())
        .put("updated_at", updatedAt.toString());
    object.put("conclusion", conclusion);
    object.put("head_sha", run.sha());
    ((ObjectNode) object.get("head_commit")).put("id", run.sha()).put("timestamp", run.commitAt().toString());
    repository(object, run.repository());
    return delivery("workflow_run", body);
  }

  private static Delivery deploymentStatus(Deployment deployment, Status status) {
    ObjectNode body = DEPLOYMENT_STATUS.deepCopy();
    repository(body, deployment.repository());
    ((ObjectNode) body.get("deployment")).put("id", deployment.id()).put("sha", deployment.sha())
        .put("environment", deployment.environment()).put("original_environment", deployment.environment());
    ((ObjectNode) body.get("deployment_status")).put("id", status.id()).put("state", status.state())
        .put("environment", deployment.environment()).put("created_at", status.createdAt().toString())
        .put("updated_at", status.createdAt().toString());
    return delivery("deployment_status", body);
  }

  private static Delivery job(Run run, Attempt attempt, Job job, String status, Instant startedAt,
      @Nullable Instant completedAt) {
    ObjectNode body = JOB.deepCopy();
    body.put("action", status);
    repository(body, run.repository());
    ObjectNode object = (ObjectNode) body.get("workflow_job");
    object.put("id", job.id()).put("run_id", run.id()).put("run_attempt", attempt.number()).put("name", job.name())
        .put("workflow_name", run.workflow()).put("head_branch", run.branch()).put("head_sha", run.sha())
        .put("status", status)
        .put("created_at", job.createdAt().toString()).put("started_at", startedAt.toString())
        .put("completed_at", completedAt == null ? null : completedAt.toString())
        .put("conclusion", completedAt == null ? null : job.conclusion());
    object.putArray("steps");
    return delivery("workflow_job", body);
  }

  private static void repository(ObjectNode holder, String fullName) {
    if (holder.get("repository") instanceof ObjectNode repository) {
      repository.put("full_name", fullName).put("name", fullName.substring(fullName.indexOf('/') + 1));
    }
  }

  private static String path(Run run) {
    return ".github/workflows/w" + run.workflowId() + ".yml";
  }

  private static Delivery delivery(String event, ObjectNode body) {
    try {
      return new Delivery(event, UUID.randomUUID().toString(), JSON.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode template(String name) {
    try {
      return (ObjectNode) JSON.readTree(GitHubWebhooks.fixture(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

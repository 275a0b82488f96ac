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
import java.util.Collections;
import java.util.List;
import java.util.Random;
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

  /** Every delivery, a fifth of them again under the same id and a tenth again under a new id, in random order. */
  static List<Delivery> shuffledWithRepeats(List<Delivery> deliveries, Random random) {
    List<Delivery> all = new ArrayList<>(deliveries);
    for (Delivery delivery : deliveries) {
      if (random.nextInt(5) == 0) {
        all.add(delivery);
      }
      if (random.nextInt(10) == 0) {
        all.add(delivery.sentAgainAs(UUID.randomUUID().toString()));
      }
    }
    Collections.shuffle(all, random);
    return all;
  }

  private static Delivery run(Run run, Attempt attempt, String action, String status, @Nullable String conclusion,
      Instant updatedAt) {
    ObjectNode body = RUN.deepCopy();
    body.put("action", action);
    repository(body, run.repository());
    ObjectNode workflow = (ObjectNode) body.get("workflow");
    workflow.put("id", run.workflowId()).put("name", run.workflow()).put("path", path(run));
    body.set("workflow_run", runObject(run, attempt, status, conclusion, updatedAt));
    return delivery("workflow_run", body);
  }

  /** The run object as GitHub shows an attempt now (REST: a listing's item, {@code /runs/{id}/attempts/{n}}). */
  static ObjectNode restRun(Run run, Attempt attempt) {
    return attempt.completed()
        ? runObject(run, attempt, "completed", attempt.conclusion(), attempt.completedAt())
        : runObject(run, attempt, "in_progress", null, attempt.startedAt().plusSeconds(1));
  }

  /** The jobs of an attempt as GitHub shows them now ({@code /runs/{id}/attempts/{n}/jobs}). */
  static List<ObjectNode> restJobs(Run run, Attempt attempt) {
    return attempt.jobs().stream().map(job -> job.completedAt() != null
        ? jobObject(run, attempt, job, "completed", job.startedAt(), job.completedAt())
        : job.startedAt() != null ? jobObject(run, attempt, job, "in_progress", job.startedAt(), null)
        : jobObject(run, attempt, job, "queued", job.createdAt(), null)).toList();
  }

  private static ObjectNode runObject(Run run, Attempt attempt, String status, @Nullable String conclusion,
      Instant updatedAt) {
    ObjectNode object = ((ObjectNode) RUN.get("workflow_run")).deepCopy();
    object.put("id", run.id()).put("run_number", run.id() - 7_000_000_000L).put("run_attempt", attempt.number())
        .put("name", run.workflow()).put("workflow_id", run.workflowId()).put("path", path(run))
        .put("head_branch", run.branch()).put("event", "push").put("status", status)
        .put("created_at", run.createdAt().toString()).put("run_started_at", attempt.startedAt().toString())
        .put("updated_at", updatedAt.toString());
    object.put("conclusion", conclusion);
    object.put("head_sha", run.sha());
    ((ObjectNode) object.get("head_commit")).put("id", run.sha()).put("timestamp", run.commitAt().toString());
    repository(object, run.repository());
    return object;
  }

  private static Delivery deploymentStatus(Deployment deployment, Status status) {
    ObjectNode body = DEPLOYMENT_STATUS.deepCopy();
    repository(body, deployment.repository());
    body.set("deployment", restDeployment(deployment));
    body.set("deployment_status", restStatus(deployment, status));
    return delivery("deployment_status", body);
  }

  /** A deployment as GitHub shows it now: created at its first status, updated at its last. */
  static ObjectNode restDeployment(Deployment deployment) {
    ObjectNode object = ((ObjectNode) DEPLOYMENT_STATUS.get("deployment")).deepCopy();
    List<Status> statuses = deployment.statuses();
    return object.put("id", deployment.id()).put("sha", deployment.sha())
        .put("environment", deployment.environment()).put("original_environment", deployment.environment())
        .put("created_at", statuses.get(0).createdAt().toString())
        .put("updated_at", statuses.get(statuses.size() - 1).createdAt().toString());
  }

  static ObjectNode restStatus(Deployment deployment, Status status) {
    return ((ObjectNode) DEPLOYMENT_STATUS.get("deployment_status")).deepCopy().put("id", status.id())
        .put("state", status.state()).put("environment", deployment.environment())
        .put("created_at", status.createdAt().toString()).put("updated_at", status.createdAt().toString());
  }

  private static Delivery job(Run run, Attempt attempt, Job job, String status, Instant startedAt,
      @Nullable Instant completedAt) {
    ObjectNode body = JOB.deepCopy();
    body.put("action", status);
    repository(body, run.repository());
    body.set("workflow_job", jobObject(run, attempt, job, status, startedAt, completedAt));
    return delivery("workflow_job", body);
  }

  private static ObjectNode jobObject(Run run, Attempt attempt, Job job, String status, Instant startedAt,
      @Nullable Instant completedAt) {
    ObjectNode object = ((ObjectNode) JOB.get("workflow_job")).deepCopy();
    object.put("id", job.id()).put("run_id", run.id()).put("run_attempt", attempt.number()).put("name", job.name())
        .put("workflow_name", run.workflow()).put("head_branch", run.branch()).put("head_sha", run.sha())
        .put("status", status)
        .put("created_at", job.createdAt().toString()).put("started_at", startedAt.toString())
        .put("completed_at", completedAt == null ? null : completedAt.toString())
        .put("conclusion", completedAt == null ? null : job.conclusion());
    object.putArray("steps");
    return object;
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

package dev.cicd.http.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cicd.core.build.Attempt;
import dev.cicd.core.build.Build;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.build.Job;
import dev.cicd.core.build.Step;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The JSON shape of builds, attempts, jobs and steps (the contract clients and the dashboard rely on).
 * Status and conclusion are lower-case wire names; times are ISO-8601 UTC; absent values are null.
 * Links are returned only when they are {@code https://} on the configured provider host.
 */
public final class BuildJson {
  private final Json json;
  private final String linkPrefix;

  public BuildJson(Json json, String githubHost) {
    this.json = json;
    this.linkPrefix = "https://" + githubHost + "/";
  }

  /** A build as listed: build-level fields only. */
  public ObjectNode summary(Build build) {
    ObjectNode node = json.object();
    node.put("id", build.id().asString());
    node.put("provider", build.id().provider());
    node.put("repository", build.id().repository());
    node.put("workflow", build.workflow().name());
    node.put("workflowPath", build.workflow().path());
    node.put("runId", build.id().runId());
    node.put("runNumber", build.runNumber());
    node.put("attempt", build.attemptNumber());
    node.put("branch", build.branch());
    node.put("commitSha", build.commitSha());
    node.put("event", build.event());
    node.put("actor", build.actor());
    node.put("title", build.title());
    node.put("status", build.status().wireName());
    node.put("conclusion", wire(build.conclusion()));
    node.put("createdAt", Json.time(build.createdAt()));
    node.put("startedAt", Json.time(build.startedAt()));
    node.put("completedAt", Json.time(build.completedAt()));
    node.put("updatedAt", Json.time(build.updatedAt()));
    Json.putNumber(node, "durationMs", build.durationMs());
    node.put("url", link(build.url()));
    ArrayNode prs = node.putArray("pullRequests");
    build.pullRequests().forEach(prs::add);
    return node;
  }

  /** A build with its attempts, and jobs with steps. */
  public ObjectNode detail(Build build) {
    ObjectNode node = summary(build);
    ArrayNode attempts = node.putArray("attempts");
    build.attempts().forEach(a -> attempts.add(attempt(a)));
    ArrayNode jobs = node.putArray("jobs");
    build.jobs().forEach(j -> jobs.add(job(j)));
    return node;
  }

  private ObjectNode attempt(Attempt attempt) {
    ObjectNode node = json.object();
    node.put("number", attempt.number());
    node.put("status", attempt.status().wireName());
    node.put("conclusion", wire(attempt.conclusion()));
    node.put("startedAt", Json.time(attempt.startedAt()));
    node.put("updatedAt", Json.time(attempt.updatedAt()));
    node.put("completedAt", Json.time(attempt.completedAt()));
    Long duration = attempt.startedAt() == null || attempt.completedAt() == null ? null
        : Math.max(0L, Duration.between(attempt.startedAt(), attempt.completedAt()).toMillis());
    Json.putNumber(node, "durationMs", duration);
    node.put("triggeringActor", attempt.triggeringActor());
    return node;
  }

  private ObjectNode job(Job job) {
    ObjectNode node = json.object();
    node.put("id", job.id());
    node.put("name", job.name());
    node.put("attempt", job.attempt());
    node.put("status", job.status().wireName());
    node.put("conclusion", wire(job.conclusion()));
    node.put("createdAt", Json.time(job.createdAt()));
    node.put("startedAt", Json.time(job.startedAt()));
    node.put("completedAt", Json.time(job.completedAt()));
    Json.putNumber(node, "queueMs", job.queueMs());
    Json.putNumber(node, "durationMs", job.durationMs());
    node.put("runnerName", job.runnerName());
    node.put("runnerGroup", job.runnerGroup());
    ArrayNode labels = node.putArray("labels");
    job.labels().forEach(labels::add);
    node.put("url", link(job.url()));
    ArrayNode steps = node.putArray("steps");
    job.steps().forEach(s -> steps.add(step(s)));
    return node;
  }

  private ObjectNode step(Step step) {
    ObjectNode node = json.object();
    node.put("number", step.number());
    node.put("name", step.name());
    node.put("status", step.status().wireName());
    node.put("conclusion", wire(step.conclusion()));
    node.put("startedAt", Json.time(step.startedAt()));
    node.put("completedAt", Json.time(step.completedAt()));
    return node;
  }

  private @Nullable String link(@Nullable String url) {
    return url != null && url.startsWith(linkPrefix) ? url : null;
  }

  private static @Nullable String wire(@Nullable Conclusion conclusion) {
    return conclusion == null ? null : conclusion.wireName();
  }
}

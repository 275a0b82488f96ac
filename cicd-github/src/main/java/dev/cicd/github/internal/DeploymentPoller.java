package dev.cicd.github.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cicd.core.ingest.DeliveryKey;
import dev.cicd.core.ingest.IngestionService;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Polls one repository's deployments and their statuses ({@code GitHubConfig.pollDeployments}), so DORA heals lost
 * {@code deployment_status} webhooks as runs heal lost run and job webhooks. Each cycle lists the newest deployments
 * (conditionally: a 304 ends it at no cost), following pages back to the horizon — the backfill's start until one
 * walk got there, then {@link #RECENT} — and reads the statuses of each deployment whose {@code updated_at} changed
 * since they were last read. That is kept in the store's delivery log (hook {@code poll-deployments:owner/name},
 * delivery {@code id@updated_at}), so a restart does not read them again. Statuses go through the same merge as
 * the webhooks, so a status seen both ways is stored once. A 403 or 404 on these endpoints (a token without read
 * access to deployments) is a problem of the cycle; the repository's runs are polled all the same.
 */
final class DeploymentPoller {
  /** How far back a cycle looks for deployments whose statuses changed, once the backfill's walk is done. */
  static final Duration RECENT = Duration.ofDays(1);

  private final GitHubApi api;
  private final String repository;
  private final int maxPages;
  private final Clock clock;
  private @Nullable Instant backfillFrom;

  DeploymentPoller(GitHubApi api, String repository, int maxPages, Clock clock, Duration backfill) {
    this.api = api;
    this.repository = repository;
    this.maxPages = maxPages;
    this.clock = clock;
    this.backfillFrom = clock.instant().minus(backfill);
  }

  void poll(IngestionService ingestion, PollProblems problems) {
    Instant horizon = backfillFrom != null ? backfillFrom : clock.instant().minus(RECENT);
    int problemsBefore = problems.count();
    boolean[] reached = {false};
    try {
      Pager.Result walk = Pager.walk(api.http(), api.deployments(repository), maxPages, page -> {
        if (page.notModified()) {
          reached[0] = true;
          return false;
        }
        if (page.body() == null || !page.body().isArray()) {
          problems.add("deployments of " + repository + ": " + (page.body() == null ? page.problem() : "not a list"));
          return false;
        }
        for (JsonNode deployment : page.body()) {
          Instant created = createdAt(deployment);
          if (created != null && created.isBefore(horizon)) {
            reached[0] = true;
            return false;
          }
          readStatuses(ingestion, problems, deployment);
        }
        reached[0] = page.next() == null;
        return true;
      });
      if (reached[0] && !walk.truncated() && problems.count() == problemsBefore) {
        backfillFrom = null;
      }
    } catch (GitHubApiException e) {
      if (e.status() != 403 && e.status() != 404) {
        throw e;
      }
      problems.add("deployments of " + repository + ": GitHub answered " + e.status()
          + "; the token needs read access to deployments (or turn pollDeployments off)");
    }
  }

  private static @Nullable Instant createdAt(JsonNode deployment) {
    try {
      return GitHubTimes.parse(deployment.path("created_at").asText(null));
    } catch (DateTimeException e) {
      return null;
    }
  }

  private void readStatuses(IngestionService ingestion, PollProblems problems, JsonNode deployment) {
    long id = deployment.path("id").asLong(0);
    if (id <= 0) {
      problems.add("deployments of " + repository + ": a deployment without an id");
      return;
    }
    DeliveryKey read = new DeliveryKey("poll-deployments:" + repository,
        id + "@" + deployment.path("updated_at").asText(""));
    if (ingestion.store().hasDelivery(read)) {
      return;
    }
    int problemsBefore = problems.count();
    Pager.walk(api.http(), api.deploymentStatuses(repository, id), maxPages, page -> {
      if (page.notModified()) {
        return false; // read whole before in this process (an ETag is kept only then)
      }
      if (page.body() == null || !page.body().isArray()) {
        problems.add("statuses of deployment " + id + " of " + repository + ": "
            + (page.body() == null ? page.problem() : "not a list"));
        return false;
      }
      for (JsonNode status : page.body()) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.set("deployment", deployment);
        payload.set("deployment_status", status);
        try {
          ingestion.ingest(DeploymentMapper.map(Fields.of(payload, ""), repository));
        } catch (PayloadException | UnknownValueException | IllegalArgumentException e) {
          problems.add("a status of deployment " + id + " of " + repository + ": " + e.getMessage());
        }
      }
      return true;
    });
    if (problems.count() == problemsBefore) {
      ingestion.store().recordDelivery(read, clock.instant());
    }
  }
}

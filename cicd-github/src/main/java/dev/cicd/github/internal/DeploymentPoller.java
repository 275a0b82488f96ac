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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one repository's deployments and their statuses ({@code GitHubConfig.pollDeployments}), so DORA heals lost
 * {@code deployment_status} webhooks as runs heal lost run and job webhooks. Each cycle lists the newest deployments
 * (conditionally: a 304 ends it at no cost), following pages back to the horizon — the backfill's start until one
 * walk got there, then {@link #RECENT} — and reads the statuses of each deployment whose {@code updated_at} changed
 * since they were last read. That is kept in the store's delivery log (hook {@code poll-deployments:owner/name},
 * delivery {@code id@updated_at}), so a restart does not read them again. Statuses go through the same merge as
 * the webhooks, so a status seen both ways is stored once. A 403 or 404 on these endpoints (a token without read
 * access to deployments) is a problem of the cycle; the repository's runs are polled all the same.
 *
 * <p>Nothing a failure skipped waits for the listing to change: a walk cut short (a page GitHub did not give or
 * that could not be read) follows the unchanged pages' 304s next cycle to where it stopped, and a deployment whose
 * statuses could not be read is read again at the start of the next cycles ({@link #MAX_RETRIES} at most are kept).
 */
final class DeploymentPoller {
  /** How far back a cycle looks for deployments whose statuses changed, once the backfill's walk is done. */
  static final Duration RECENT = Duration.ofDays(1);
  /** Deployments whose statuses are kept to be read again; beyond, the oldest is left to the listing. */
  static final int MAX_RETRIES = 1_000;
  private static final Logger LOG = LoggerFactory.getLogger(DeploymentPoller.class);

  private final GitHubApi api;
  private final String repository;
  private final int maxPages;
  private final Clock clock;
  private final Map<Long, JsonNode> retries = new LinkedHashMap<>();
  private @Nullable Instant backfillFrom;
  /** The last walk stopped before its horizon: a 304 then does not end the next one. */
  private boolean walkCutShort;

  DeploymentPoller(GitHubApi api, String repository, int maxPages, Clock clock, Duration backfill) {
    this.api = api;
    this.repository = repository;
    this.maxPages = maxPages;
    this.clock = clock;
    this.backfillFrom = clock.instant().minus(backfill);
  }

  void poll(IngestionService ingestion, PollProblems problems) {
    try {
      readAgain(ingestion, problems);
      walk(ingestion, problems);
    } catch (GitHubApiException e) {
      if (e.status() != 403 && e.status() != 404) {
        throw e;
      }
      problems.add("deployments of " + repository + ": GitHub answered " + e.status()
          + "; the token needs read access to deployments (or turn pollDeployments off)");
    }
  }

  /** The statuses that could not be read before: a deployment GitHub no longer has is dropped. */
  private void readAgain(IngestionService ingestion, PollProblems problems) {
    for (Map.Entry<Long, JsonNode> retry : List.copyOf(retries.entrySet())) {
      try {
        readStatuses(ingestion, problems, retry.getValue());
      } catch (GitHubApiException e) {
        if (e.status() == 404 || e.status() == 410) {
          retries.remove(retry.getKey());
        } else if (e instanceof GitHubApiException.Unavailable) {
          problems.add("statuses of deployment " + retry.getKey() + " of " + repository + ": " + e.getMessage());
        } else {
          throw e;
        }
      }
    }
  }

  private void walk(IngestionService ingestion, PollProblems problems) {
    Instant horizon = backfillFrom != null ? backfillFrom : clock.instant().minus(RECENT);
    boolean resume = walkCutShort;
    walkCutShort = true; // until the walk gets to its end; an exception leaves it so
    boolean[] reached = {false};
    Pager.Result walk = Pager.walk(api.http(), api.deployments(repository), maxPages, page -> {
      if (page.notModified()) {
        reached[0] = !resume || page.next() == null; // read whole before; after a cut, go on to where it stopped
        return !reached[0];
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
    if (walk.truncated()) {
      problems.add("deployments of " + repository + ": stopped after " + walk.pages() + " pages (maxPages);"
          + " older deployments are not polled");
    }
    if (reached[0] || walk.truncated()) {
      walkCutShort = false;
      backfillFrom = null;
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
      retries.remove(id);
      return;
    }
    int problemsBefore = problems.count();
    Pager.walk(api.http(), api.deploymentStatuses(repository, id), maxPages, page -> {
      if (page.notModified()) {
        return true; // this page was read before; a later one may not have been
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
      retries.remove(id);
    } else {
      retry(id, deployment);
    }
  }

  private void retry(long id, JsonNode deployment) {
    retries.remove(id);
    retries.put(id, deployment);
    if (retries.size() > MAX_RETRIES) {
      Long eldest = retries.keySet().iterator().next();
      retries.remove(eldest);
      LOG.warn("Deployment {} of {}: its statuses are not read again until the deployment changes ({} kept)",
          eldest, repository, MAX_RETRIES);
    }
  }
}

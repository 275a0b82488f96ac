package dev.cicd.github;

import dev.cicd.core.ingest.IngestionService;
import dev.cicd.core.source.BuildSource;
import dev.cicd.core.source.SourceHealth;
import dev.cicd.core.source.WebhookReceiver;
import dev.cicd.github.internal.GitHubApi;
import dev.cicd.github.internal.GitHubApiException;
import dev.cicd.github.internal.GitHubHttp;
import dev.cicd.github.internal.PollProblems;
import dev.cicd.github.internal.RepositoryPoller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub Actions as a {@link BuildSource}: polls the configured repositories through the REST API
 * (backfill, then incremental, ETag-conditional, rate-limit aware) and offers the signed webhook
 * receiver. Polling and webhooks feed the same {@link IngestionService} merge, so a run seen by both
 * is one build. A repository that fails does not stop the others; a rejected token (401) stops
 * polling and health says why.
 */
public final class GitHubSource implements BuildSource {
  private static final Logger LOG = LoggerFactory.getLogger(GitHubSource.class);

  private final GitHubConfig config;
  private final Clock clock;
  private final GitHubHttp http;
  private final GitHubApi api;
  private final GitHubWebhookReceiver receiver;
  private final List<RepositoryPoller> pollers = new ArrayList<>();
  private final Redeliveries redeliveries;
  private volatile @Nullable String stopped;

  private GitHubSource(Builder builder) {
    this.config = builder.config;
    this.clock = builder.clock;
    this.http = new GitHubHttp(config, builder.httpClient, clock, builder.sleeper,
        () -> ThreadLocalRandom.current().nextDouble());
    this.api = new GitHubApi(http);
    this.receiver = new GitHubWebhookReceiver(config);
    for (String repository : config.repositories()) {
      pollers.add(new RepositoryPoller(repository, api, config, clock));
    }
    this.redeliveries = new Redeliveries(api, clock, builder.sleeper, config.maxPages());
    LOG.info("GitHub source for {} polling {} every {} (backfill {})", config.apiUrl(), config.repositories(),
        config.pollInterval(), config.backfill());
  }

  public static GitHubSource create(GitHubConfig config) {
    return builder(config).build();
  }

  public static Builder builder(GitHubConfig config) {
    return new Builder(config);
  }

  @Override
  public String provider() {
    return "github";
  }

  @Override
  public Duration pollInterval() {
    return config.pollInterval();
  }

  public GitHubConfig config() {
    return config;
  }

  /** The webhook receiver (refuses every delivery when no secret is configured). */
  public GitHubWebhookReceiver webhooks() {
    return receiver;
  }

  @Override
  public Optional<WebhookReceiver> webhookReceiver() {
    return Optional.of(receiver);
  }

  /** HTTP requests sent to GitHub so far, retries included. */
  public long requestCount() {
    return http.requestCount();
  }

  @Override
  public void poll(IngestionService ingestion) {
    Objects.requireNonNull(ingestion, "ingestion");
    if (stopped != null) {
      LOG.debug("GitHub polling is stopped: {}", stopped);
      return;
    }
    for (RepositoryPoller poller : pollers) {
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
      if (!poller.status().due(clock.instant())) {
        continue;
      }
      if (!pollOne(poller, ingestion)) {
        return;
      }
    }
  }

  /** @return false when polling must stop altogether */
  private boolean pollOne(RepositoryPoller poller, IngestionService ingestion) {
    long before = http.requestCount();
    try {
      PollProblems problems = poller.poll(ingestion);
      poller.status().succeeded(clock.instant(), problems, http.requestCount() - before);
      if (!problems.isEmpty()) {
        LOG.warn("Polled {} with problems: {}", poller.repository(), problems.summary());
      }
      return true;
    } catch (GitHubApiException.Unauthorized e) {
      stopped = e.getMessage() + ". Polling of every repository is stopped: check that the token is valid, "
          + "not expired and can read Actions, then restart.";
      LOG.error("{}", stopped);
      return false;
    } catch (GitHubApiException.RateLimited e) {
      poller.status().rateLimited(http.requestCount() - before);
      LOG.warn("Polling {} paused: {}", poller.repository(), e.getMessage());
      return true;
    } catch (GitHubApiException e) {
      boolean configuration = e.status() == 403 || e.status() == 404 || e.status() == 410;
      String reason = configuration
          ? e.getMessage() + " (check the repository name and that the token may read its Actions)"
          : e.getMessage();
      poller.status().failed(clock.instant(), config.pollInterval(),
          configuration ? SourceHealth.State.DOWN : SourceHealth.State.DEGRADED, reason, http.requestCount() - before);
      LOG.warn("Polling {} failed: {}", poller.repository(), reason);
    } catch (RuntimeException e) {
      poller.status().failed(clock.instant(), config.pollInterval(), SourceHealth.State.DEGRADED,
          "poll failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), http.requestCount() - before);
      LOG.warn("Polling {} failed", poller.repository(), e);
    }
    if (Thread.currentThread().isInterrupted()) {
      return false;
    }
    return true;
  }

  @Override
  public List<SourceHealth> health() {
    Instant now = clock.instant();
    List<SourceHealth> result = new ArrayList<>();
    for (RepositoryPoller poller : pollers) {
      result.add(poller.status().health(now, http.rateLimits().snapshot(), stopped));
    }
    return result;
  }

  /**
   * Asks GitHub to redeliver this hook's failed deliveries of the last three days (the redelivery
   * window of github.com). Needs a token with admin rights on the hook.
   *
   * @param repository the repository the hook belongs to
   * @param hookId the hook's id ({@code X-GitHub-Hook-ID})
   * @return how many deliveries were looked at and how many redeliveries were requested
   */
  public RedeliveryReport redeliverFailed(String repository, long hookId) {
    return redeliveries.redeliverFailed(repository, hookId);
  }

  @Override
  public void close() {
    http.close();
  }

  @Override
  public String toString() {
    return "GitHubSource[" + config + "]";
  }

  /** Builder for tests and embedders that bring their own clock, sleeper or OkHttp client. */
  public static final class Builder {
    private final GitHubConfig config;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private @Nullable OkHttpClient httpClient;

    private Builder(GitHubConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    public Builder clock(Clock value) {
      clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** Every wait (rate limit, backoff) goes through it. */
    public Builder sleeper(Sleeper value) {
      sleeper = Objects.requireNonNull(value, "sleeper");
      return this;
    }

    /** A client to share connection pools with; timeouts from the config are applied on top. */
    public Builder httpClient(OkHttpClient value) {
      httpClient = Objects.requireNonNull(value, "httpClient");
      return this;
    }

    public GitHubSource build() {
      return new GitHubSource(this);
    }
  }
}

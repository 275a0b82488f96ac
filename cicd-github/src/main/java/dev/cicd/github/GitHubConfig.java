package dev.cicd.github;

import dev.cicd.core.build.RepositoryNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Immutable configuration of the GitHub source. Build with {@link #builder()}; derive a variant with
 * {@link #toBuilder()}. Setters reject bad values with a message naming the value, and
 * {@link #toString()} masks the token and the webhook secrets.
 */
public final class GitHubConfig {
  public static final String DEFAULT_API_URL = "https://api.github.com";
  public static final Duration DEFAULT_BACKFILL = Duration.ofDays(30);
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(60);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_MAX_RETRY_WAIT = Duration.ofMinutes(2);
  public static final int DEFAULT_MAX_PAGES = 100;
  public static final int DEFAULT_MAX_RETRIES = 3;
  public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 1;
  public static final long DEFAULT_MAX_PAYLOAD_BYTES = 25L * 1024 * 1024;
  public static final String DEFAULT_USER_AGENT = "cicd-dashboard-github";

  private final String apiUrl;
  private final @Nullable String token;
  private final List<String> webhookSecrets;
  private final List<String> repositories;
  private final Duration backfill;
  private final boolean pollDeployments;
  private final Duration pollInterval;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration callTimeout;
  private final Duration maxRetryWait;
  private final int maxPages;
  private final int maxRetries;
  private final int maxConcurrentRequests;
  private final long maxPayloadBytes;
  private final String userAgent;

  private GitHubConfig(Builder b) {
    apiUrl = b.apiUrl;
    token = b.token;
    webhookSecrets = List.copyOf(b.webhookSecrets);
    repositories = List.copyOf(b.repositories);
    backfill = b.backfill;
    pollDeployments = b.pollDeployments;
    pollInterval = b.pollInterval;
    connectTimeout = b.connectTimeout;
    readTimeout = b.readTimeout;
    callTimeout = b.callTimeout;
    maxRetryWait = b.maxRetryWait;
    maxPages = b.maxPages;
    maxRetries = b.maxRetries;
    maxConcurrentRequests = b.maxConcurrentRequests;
    maxPayloadBytes = b.maxPayloadBytes;
    userAgent = b.userAgent;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** REST API base, {@code https://api.github.com} or {@code https://HOST/api/v3}; no trailing slash. */
  public String apiUrl() { return apiUrl; }
  /** Personal access or installation token; empty when only webhooks are used. */
  public Optional<String> token() { return Optional.ofNullable(token); }
  /** Zero, one or two (during a rotation) webhook secrets. Zero refuses every delivery. */
  public List<String> webhookSecrets() { return webhookSecrets; }
  /** Repositories to poll, {@code owner/name}. */
  public List<String> repositories() { return repositories; }
  /** How far back the first poll of a repository reaches. */
  public Duration backfill() { return backfill; }
  /** Whether deployments and their statuses are polled too (the token then needs read access to deployments). */
  public boolean pollDeployments() { return pollDeployments; }
  public Duration pollInterval() { return pollInterval; }
  public Duration connectTimeout() { return connectTimeout; }
  public Duration readTimeout() { return readTimeout; }
  /** Limit on one whole HTTP call, including reading the body. */
  public Duration callTimeout() { return callTimeout; }
  /** Longest wait (rate limit, backoff) spent inside one poll cycle; longer waits end the cycle. */
  public Duration maxRetryWait() { return maxRetryWait; }
  /** Most pages followed through {@code Link: rel="next"} in one listing. */
  public int maxPages() { return maxPages; }
  /** Retries of one request after 5xx, I/O errors or secondary rate limits. */
  public int maxRetries() { return maxRetries; }
  /** Requests in flight at once with this token; 1 sends them serially, as GitHub recommends. */
  public int maxConcurrentRequests() { return maxConcurrentRequests; }
  /** Largest JSON document read from GitHub (webhook body or REST page). */
  public long maxPayloadBytes() { return maxPayloadBytes; }
  public String userAgent() { return userAgent; }

  @Override
  public String toString() {
    return "GitHubConfig[apiUrl=" + apiUrl + ", token=" + (token == null ? "none" : "****")
        + ", webhookSecrets=" + webhookSecrets.size() + " (masked), repositories=" + repositories
        + ", backfill=" + backfill + ", pollDeployments=" + pollDeployments + ", pollInterval=" + pollInterval
        + ", connectTimeout=" + connectTimeout
        + ", readTimeout=" + readTimeout + ", callTimeout=" + callTimeout + ", maxRetryWait=" + maxRetryWait
        + ", maxPages=" + maxPages + ", maxRetries=" + maxRetries + ", maxConcurrentRequests="
        + maxConcurrentRequests + ", maxPayloadBytes=" + maxPayloadBytes + ", userAgent=" + userAgent + "]";
  }

  /** Mutable builder; {@link #build()} checks what depends on several values. */
  public static final class Builder {
    private String apiUrl = DEFAULT_API_URL;
    private @Nullable String token;
    private List<String> webhookSecrets = List.of();
    private List<String> repositories = List.of();
    private Duration backfill = DEFAULT_BACKFILL;
    private boolean pollDeployments;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private Duration maxRetryWait = DEFAULT_MAX_RETRY_WAIT;
    private int maxPages = DEFAULT_MAX_PAGES;
    private int maxRetries = DEFAULT_MAX_RETRIES;
    private int maxConcurrentRequests = DEFAULT_MAX_CONCURRENT_REQUESTS;
    private long maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES;
    private String userAgent = DEFAULT_USER_AGENT;

    private Builder() {}

    private Builder(GitHubConfig c) {
      apiUrl = c.apiUrl;
      token = c.token;
      webhookSecrets = c.webhookSecrets;
      repositories = c.repositories;
      backfill = c.backfill;
      pollDeployments = c.pollDeployments;
      pollInterval = c.pollInterval;
      connectTimeout = c.connectTimeout;
      readTimeout = c.readTimeout;
      callTimeout = c.callTimeout;
      maxRetryWait = c.maxRetryWait;
      maxPages = c.maxPages;
      maxRetries = c.maxRetries;
      maxConcurrentRequests = c.maxConcurrentRequests;
      maxPayloadBytes = c.maxPayloadBytes;
      userAgent = c.userAgent;
    }

    public Builder apiUrl(String value) {
      apiUrl = ConfigChecks.apiUrl(value);
      return this;
    }

    public Builder token(@Nullable String value) {
      token = value == null ? null : ConfigChecks.token(value);
      return this;
    }

    public Builder webhookSecret(@Nullable String value) {
      return value == null ? webhookSecrets(List.of()) : webhookSecrets(List.of(value));
    }

    /** Sets the active secrets: the new one and, during a rotation, the old one. */
    public Builder webhookSecrets(String... values) {
      return webhookSecrets(Arrays.asList(values));
    }

    public Builder webhookSecrets(Collection<String> values) {
      webhookSecrets = ConfigChecks.secrets(values);
      return this;
    }

    public Builder repositories(String... values) {
      return repositories(Arrays.asList(values));
    }

    public Builder repositories(Collection<String> values) {
      LinkedHashSet<String> names = new LinkedHashSet<>();
      for (String value : Objects.requireNonNull(values, "repositories")) {
        if (!RepositoryNames.isValid(value)) {
          throw new IllegalArgumentException("repositories must be 'owner/name', but contained '" + value + "'");
        }
        names.add(value);
      }
      repositories = new ArrayList<>(names);
      return this;
    }

    public Builder backfill(Duration value) {
      backfill = ConfigChecks.notNegative("backfill", value);
      return this;
    }

    /**
     * Polls each repository's deployments and their statuses too, so DORA heals lost {@code deployment_status}
     * webhooks (default off: a token with only {@code actions:read} is refused there, which then shows as a
     * problem of the cycle).
     */
    public Builder pollDeployments(boolean value) {
      pollDeployments = value;
      return this;
    }

    public Builder pollInterval(Duration value) {
      pollInterval = ConfigChecks.atLeast("pollInterval", value, Duration.ofSeconds(1));
      return this;
    }

    public Builder connectTimeout(Duration value) {
      connectTimeout = ConfigChecks.positive("connectTimeout", value);
      return this;
    }

    public Builder readTimeout(Duration value) {
      readTimeout = ConfigChecks.positive("readTimeout", value);
      return this;
    }

    public Builder callTimeout(Duration value) {
      callTimeout = ConfigChecks.positive("callTimeout", value);
      return this;
    }

    public Builder maxRetryWait(Duration value) {
      maxRetryWait = ConfigChecks.notNegative("maxRetryWait", value);
      return this;
    }

    public Builder maxPages(int value) {
      maxPages = ConfigChecks.range("maxPages", value, 1, 10_000);
      return this;
    }

    public Builder maxRetries(int value) {
      maxRetries = ConfigChecks.range("maxRetries", value, 0, 20);
      return this;
    }

    public Builder maxConcurrentRequests(int value) {
      maxConcurrentRequests = ConfigChecks.range("maxConcurrentRequests", value, 1, 100);
      return this;
    }

    public Builder maxPayloadBytes(long value) {
      if (value < 1024) {
        throw new IllegalArgumentException("maxPayloadBytes must be at least 1024, but was " + value);
      }
      maxPayloadBytes = value;
      return this;
    }

    public Builder userAgent(String value) {
      userAgent = ConfigChecks.userAgent(value);
      return this;
    }

    /** @throws IllegalArgumentException when repositories are configured without a token */
    public GitHubConfig build() {
      if (!repositories.isEmpty() && token == null) {
        throw new IllegalArgumentException("token is required to poll repositories " + repositories
            + "; set token(...) to a personal access or installation token, or configure no repositories");
      }
      return new GitHubConfig(this);
    }
  }
}

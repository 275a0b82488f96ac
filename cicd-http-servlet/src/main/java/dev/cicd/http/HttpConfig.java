package dev.cicd.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import dev.cicd.http.internal.ConfigChecks;
import org.jspecify.annotations.Nullable;

/**
 * Settings of the servlet: tokens, rate limits, CORS, body limits and live updates. Immutable; create
 * with {@link #builder()}. Secure by default: without a read token and without {@code publicRead},
 * every read endpoint answers 401; without an admin token, configuration endpoints are closed.
 * {@link #toString()} masks the tokens.
 */
public final class HttpConfig {
  /** GitHub's own cap on webhook payloads. */
  public static final long DEFAULT_MAX_WEBHOOK_BODY_BYTES = 25L * 1024 * 1024;
  public static final int DEFAULT_MAX_JSON_BODY_BYTES = 64 * 1024;
  public static final int DEFAULT_RATE_LIMIT_PER_MINUTE = 600;
  public static final String DEFAULT_GITHUB_HOST = "github.com";
  public static final Duration DEFAULT_WEBHOOK_TIMEOUT = Duration.ofSeconds(5);
  /**
   * Deliveries being stored at once. With a store that writes batches, the waiting ones are parked threads and
   * every delivery waiting while a batch is written joins the next one, so the pool bounds the batch size
   * rather than database connections: 32 was 18 % faster than 8 with 16 senders (benchmarks/README.md).
   */
  public static final int DEFAULT_WEBHOOK_CONCURRENCY = 32;
  public static final Duration DEFAULT_SSE_HEARTBEAT = Duration.ofSeconds(15);
  public static final int DEFAULT_SSE_CLIENT_BUFFER = 256;
  public static final int DEFAULT_SSE_REPLAY_BUFFER = 1_000;
  public static final int DEFAULT_SSE_MAX_CLIENTS = 200;
  public static final Duration DEFAULT_SSE_MAX_STREAM = Duration.ofMinutes(30);
  public static final Duration DEFAULT_TICKET_TTL = Duration.ofSeconds(60);
  public static final Duration DEFAULT_ALERT_EVENTS_INTERVAL = Duration.ofSeconds(2);
  /** Shortest accepted token. */
  public static final int MIN_TOKEN_LENGTH = 16;

  private final @Nullable String readToken;
  private final @Nullable String adminToken;
  private final boolean publicRead;
  private final int rateLimitPerMinute;
  private final List<String> trustedProxies;
  private final Set<String> allowedOrigins;
  private final long maxWebhookBodyBytes;
  private final int maxJsonBodyBytes;
  private final String githubHost;
  private final Duration webhookTimeout;
  private final int webhookConcurrency;
  private final Duration sseHeartbeat;
  private final int sseClientBuffer;
  private final int sseReplayBuffer;
  private final int sseMaxClients;
  private final Duration sseMaxStream;
  private final Duration ticketTtl;
  private final Duration alertEventsInterval;

  private HttpConfig(Builder b) {
    this.readToken = b.readToken;
    this.adminToken = b.adminToken;
    this.publicRead = b.publicRead;
    this.rateLimitPerMinute = b.rateLimitPerMinute;
    this.trustedProxies = List.copyOf(b.trustedProxies);
    this.allowedOrigins = Set.copyOf(b.allowedOrigins);
    this.maxWebhookBodyBytes = b.maxWebhookBodyBytes;
    this.maxJsonBodyBytes = b.maxJsonBodyBytes;
    this.githubHost = b.githubHost;
    this.webhookTimeout = b.webhookTimeout;
    this.webhookConcurrency = b.webhookConcurrency;
    this.sseHeartbeat = b.sseHeartbeat;
    this.sseClientBuffer = b.sseClientBuffer;
    this.sseReplayBuffer = b.sseReplayBuffer;
    this.sseMaxClients = b.sseMaxClients;
    this.sseMaxStream = b.sseMaxStream;
    this.ticketTtl = b.ticketTtl;
    this.alertEventsInterval = b.alertEventsInterval;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Everything at its default: no tokens, so only public endpoints answer. */
  public static HttpConfig defaults() {
    return builder().build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Bearer token of read endpoints; the admin token reads too. Null when unset. */
  public @Nullable String readToken() { return readToken; }
  /** Bearer token of configuration and test endpoints. Null when unset (those endpoints are closed). */
  public @Nullable String adminToken() { return adminToken; }
  /** When true, read endpoints answer without a token. Configuration endpoints never do. */
  public boolean publicRead() { return publicRead; }
  /** Requests per minute per client (token, else remote address); 0 disables the limit. */
  public int rateLimitPerMinute() { return rateLimitPerMinute; }
  /** Addresses or CIDR ranges of proxies whose {@code X-Forwarded-For} is trusted. */
  public List<String> trustedProxies() { return trustedProxies; }
  /** Origins allowed to call the API from a browser (exact match); empty closes CORS. */
  public Set<String> allowedOrigins() { return allowedOrigins; }
  public long maxWebhookBodyBytes() { return maxWebhookBodyBytes; }
  /** Cap on JSON request bodies of the API (alert configuration). */
  public int maxJsonBodyBytes() { return maxJsonBodyBytes; }
  /** Host of the provider's web UI; links to other hosts are not returned. */
  public String githubHost() { return githubHost; }
  /** Longest a webhook waits for the store before answering 503. */
  public Duration webhookTimeout() { return webhookTimeout; }
  /** Webhook deliveries stored at once; more waiting deliveries are answered 503. */
  public int webhookConcurrency() { return webhookConcurrency; }
  public Duration sseHeartbeat() { return sseHeartbeat; }
  /** Events queued per live-update client before the client is dropped. */
  public int sseClientBuffer() { return sseClientBuffer; }
  /** Recent events kept for {@code Last-Event-ID} resume. */
  public int sseReplayBuffer() { return sseReplayBuffer; }
  public int sseMaxClients() { return sseMaxClients; }
  /** A live-update stream is closed after this long; clients reconnect and resume. */
  public Duration sseMaxStream() { return sseMaxStream; }
  /** Lifetime of a live-update ticket. */
  public Duration ticketTtl() { return ticketTtl; }
  /** How often alert state changes are looked up to send them as live updates. */
  public Duration alertEventsInterval() { return alertEventsInterval; }

  @Override
  public String toString() {
    return "HttpConfig{readToken=" + mask(readToken) + ", adminToken=" + mask(adminToken)
        + ", publicRead=" + publicRead + ", rateLimitPerMinute=" + rateLimitPerMinute
        + ", trustedProxies=" + trustedProxies + ", allowedOrigins=" + allowedOrigins
        + ", maxWebhookBodyBytes=" + maxWebhookBodyBytes + ", maxJsonBodyBytes=" + maxJsonBodyBytes
        + ", githubHost=" + githubHost + ", webhookTimeout=" + webhookTimeout
        + ", webhookConcurrency=" + webhookConcurrency + ", sseHeartbeat=" + sseHeartbeat
        + ", sseClientBuffer=" + sseClientBuffer + ", sseReplayBuffer=" + sseReplayBuffer
        + ", sseMaxClients=" + sseMaxClients + ", sseMaxStream=" + sseMaxStream + ", ticketTtl=" + ticketTtl
        + ", alertEventsInterval=" + alertEventsInterval + '}';
  }

  private static String mask(@Nullable String token) {
    return token == null ? "unset" : "****";
  }

  /** Builder of {@link HttpConfig}; setters reject bad values naming them. */
  public static final class Builder {
    private @Nullable String readToken;
    private @Nullable String adminToken;
    private boolean publicRead;
    private int rateLimitPerMinute = DEFAULT_RATE_LIMIT_PER_MINUTE;
    private final List<String> trustedProxies = new ArrayList<>();
    private final Set<String> allowedOrigins = new LinkedHashSet<>();
    private long maxWebhookBodyBytes = DEFAULT_MAX_WEBHOOK_BODY_BYTES;
    private int maxJsonBodyBytes = DEFAULT_MAX_JSON_BODY_BYTES;
    private String githubHost = DEFAULT_GITHUB_HOST;
    private Duration webhookTimeout = DEFAULT_WEBHOOK_TIMEOUT;
    private int webhookConcurrency = DEFAULT_WEBHOOK_CONCURRENCY;
    private Duration sseHeartbeat = DEFAULT_SSE_HEARTBEAT;
    private int sseClientBuffer = DEFAULT_SSE_CLIENT_BUFFER;
    private int sseReplayBuffer = DEFAULT_SSE_REPLAY_BUFFER;
    private int sseMaxClients = DEFAULT_SSE_MAX_CLIENTS;
    private Duration sseMaxStream = DEFAULT_SSE_MAX_STREAM;
    private Duration ticketTtl = DEFAULT_TICKET_TTL;
    private Duration alertEventsInterval = DEFAULT_ALERT_EVENTS_INTERVAL;

    private Builder() {}

    private Builder(HttpConfig c) {
      readToken = c.readToken;
      adminToken = c.adminToken;
      publicRead = c.publicRead;
      rateLimitPerMinute = c.rateLimitPerMinute;
      trustedProxies.addAll(c.trustedProxies);
      allowedOrigins.addAll(c.allowedOrigins);
      maxWebhookBodyBytes = c.maxWebhookBodyBytes;
      maxJsonBodyBytes = c.maxJsonBodyBytes;
      githubHost = c.githubHost;
      webhookTimeout = c.webhookTimeout;
      webhookConcurrency = c.webhookConcurrency;
      sseHeartbeat = c.sseHeartbeat;
      sseClientBuffer = c.sseClientBuffer;
      sseReplayBuffer = c.sseReplayBuffer;
      sseMaxClients = c.sseMaxClients;
      sseMaxStream = c.sseMaxStream;
      ticketTtl = c.ticketTtl;
      alertEventsInterval = c.alertEventsInterval;
    }

    public Builder readToken(@Nullable String value) {
      this.readToken = ConfigChecks.token("readToken", value);
      return this;
    }

    public Builder adminToken(@Nullable String value) {
      this.adminToken = ConfigChecks.token("adminToken", value);
      return this;
    }

    public Builder publicRead(boolean value) {
      this.publicRead = value;
      return this;
    }

    public Builder rateLimitPerMinute(int value) {
      this.rateLimitPerMinute = ConfigChecks.range("rateLimitPerMinute", value, 0, 1_000_000);
      return this;
    }

    /** Adds trusted proxies: IP addresses ({@code 10.0.0.1}) or CIDR ranges ({@code 10.0.0.0/8}). */
    public Builder trustedProxies(String... values) {
      for (String value : values) {
        trustedProxies.add(ConfigChecks.proxy(value));
      }
      return this;
    }

    /** Adds origins allowed by CORS, e.g. {@code https://dash.example.com} (scheme, host, optional port). */
    public Builder allowedOrigins(String... values) {
      for (String value : values) {
        allowedOrigins.add(ConfigChecks.origin(value));
      }
      return this;
    }

    public Builder maxWebhookBodyBytes(long value) {
      this.maxWebhookBodyBytes = ConfigChecks.range("maxWebhookBodyBytes", value, 1024, 100L * 1024 * 1024);
      return this;
    }

    public Builder maxJsonBodyBytes(int value) {
      this.maxJsonBodyBytes = ConfigChecks.range("maxJsonBodyBytes", value, 1024, 10 * 1024 * 1024);
      return this;
    }

    public Builder githubHost(String value) {
      this.githubHost = ConfigChecks.host(value);
      return this;
    }

    public Builder webhookTimeout(Duration value) {
      this.webhookTimeout = ConfigChecks.positiveAtMost("webhookTimeout", value, Duration.ofSeconds(9),
          "GitHub waits 10");
      return this;
    }

    /** Deliveries stored at once (1–256, default 32); at most four times as many wait, beyond that 503. */
    public Builder webhookConcurrency(int value) {
      this.webhookConcurrency = ConfigChecks.range("webhookConcurrency", value, 1, 256);
      return this;
    }

    public Builder sseHeartbeat(Duration value) {
      this.sseHeartbeat = ConfigChecks.positive("sseHeartbeat", value);
      return this;
    }

    public Builder sseClientBuffer(int value) {
      this.sseClientBuffer = ConfigChecks.range("sseClientBuffer", value, 1, 100_000);
      return this;
    }

    public Builder sseReplayBuffer(int value) {
      this.sseReplayBuffer = ConfigChecks.range("sseReplayBuffer", value, 0, 1_000_000);
      return this;
    }

    public Builder sseMaxClients(int value) {
      this.sseMaxClients = ConfigChecks.range("sseMaxClients", value, 1, 100_000);
      return this;
    }

    public Builder sseMaxStream(Duration value) {
      this.sseMaxStream = ConfigChecks.positive("sseMaxStream", value);
      return this;
    }

    public Builder ticketTtl(Duration value) {
      this.ticketTtl = ConfigChecks.positiveAtMost("ticketTtl", value, Duration.ofMinutes(10), "a ticket is short-lived");
      return this;
    }

    public Builder alertEventsInterval(Duration value) {
      this.alertEventsInterval = ConfigChecks.positive("alertEventsInterval", value);
      return this;
    }

    /**
     * @throws IllegalArgumentException when the read and admin tokens are equal
     */
    public HttpConfig build() {
      if (readToken != null && readToken.equals(adminToken)) {
        throw new IllegalArgumentException("readToken and adminToken must differ; the admin token also reads");
      }
      return new HttpConfig(this);
    }
  }
}

package dev.cicd.github.internal;

import dev.cicd.github.GitHubConfig;
import dev.cicd.github.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP plumbing for the GitHub REST API: authentication and version headers, conditional requests
 * (ETag per URL), rate-limit handling, bounded retries with backoff, a cap on requests in flight,
 * and bounded JSON reading. All waiting goes through the {@link Sleeper} and {@link Clock}. No
 * request is sent while the rate limit blocks; a block longer than {@code maxRetryWait} ends the
 * call with {@link GitHubApiException.RateLimited} instead of waiting. Thread-safe.
 */
public final class GitHubHttp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GitHubHttp.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final int ETAG_CAPACITY = 10_000;

  private final OkHttpClient client;
  private final boolean ownsClient;
  private final HttpUrl base;
  private final @Nullable String authorization;
  private final GitHubConfig config;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Backoff backoff;
  private final JsonSupport json;
  private final Semaphore inFlight;
  private final RateLimitState rateLimits = new RateLimitState();
  private final EtagCache etags = new EtagCache(ETAG_CAPACITY);
  private final AtomicLong requests = new AtomicLong();

  public GitHubHttp(GitHubConfig config, @Nullable OkHttpClient client, Clock clock, Sleeper sleeper,
      DoubleSupplier random) {
    this.config = config;
    this.base = HttpUrl.get(config.apiUrl());
    this.authorization = config.token().map(token -> "Bearer " + token).orElse(null);
    this.clock = clock;
    this.sleeper = sleeper;
    this.backoff = new Backoff(random);
    this.json = new JsonSupport(config.maxPayloadBytes());
    this.inFlight = new Semaphore(config.maxConcurrentRequests(), true);
    OkHttpClient.Builder builder = client == null ? new OkHttpClient.Builder() : client.newBuilder();
    this.client = builder.connectTimeout(config.connectTimeout()).readTimeout(config.readTimeout())
        .callTimeout(config.callTimeout()).followRedirects(true)
        // retries are ours: bounded, with backoff, and counted
        .retryOnConnectionFailure(false).build();
    this.ownsClient = client == null;
  }

  /** The API base URL, e.g. {@code https://api.github.com}. */
  public HttpUrl base() {
    return base;
  }

  public RateLimitState rateLimits() {
    return rateLimits;
  }

  /** HTTP requests sent so far (each retry counts). */
  public long requestCount() {
    return requests.get();
  }

  /** A conditional GET; see the class comment for waits and failures. */
  public ApiResponse get(HttpUrl url) {
    return execute(url, null);
  }

  /** A POST with a JSON body (never conditional). */
  public ApiResponse post(HttpUrl url, String jsonBody) {
    return execute(url, jsonBody);
  }

  /** Remembers the ETag of a response once it was processed, so an unchanged resource costs nothing next time. */
  public void remember(ApiResponse response) {
    if (response.etag() != null && response.code() / 100 == 2 && response.problem() == null) {
      etags.put(response.url(), new EtagCache.Entry(response.etag(), response.next()));
    }
  }

  /** Drops the ETag of a URL, so the next request for it is unconditional. */
  public void forget(HttpUrl url) {
    etags.remove(url);
  }

  private ApiResponse execute(HttpUrl url, @Nullable String postBody) {
    int attempt = 0;
    while (true) {
      attempt++;
      awaitRateLimit(url);
      EtagCache.Entry cached = postBody == null ? etags.get(url) : null;
      Request request = request(url, postBody, cached);
      String failure;
      Throwable cause = null;
      int code = 0;
      acquire();
      try {
        requests.incrementAndGet();
        try (Response response = client.newCall(request).execute()) {
          Instant now = clock.instant();
          rateLimits.update(response.headers(), now);
          code = response.code();
          if (code == 304) {
            return new ApiResponse(url, 304, null, null, cached == null ? null : cached.next(),
                cached == null ? null : cached.etag());
          }
          if (code / 100 == 2) {
            return read(url, response);
          }
          failure = ErrorBodies.message(response);
          if (code == 401) {
            throw new GitHubApiException.Unauthorized("GitHub rejected the token (401 Unauthorized) for "
                + describe(url) + ": " + failure);
          }
          if (Backoff.isRateLimit(code, response.headers(), failure)) {
            Instant until = backoff.rateLimitedUntil(response.headers(), now, attempt);
            rateLimits.block(until);
            LOG.warn("GitHub rate limit ({}) on {}: no request before {}", code, describe(url), until);
            if (attempt > config.maxRetries()) {
              throw new GitHubApiException.RateLimited(code, until, "rate-limited until " + until);
            }
            continue;
          }
          if (code < 500) {
            throw new GitHubApiException(code, "GitHub answered " + code + " for " + describe(url) + ": " + failure);
          }
        }
      } catch (IOException e) {
        failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + Texts.safe(e.getMessage(), 200));
        cause = e;
      } finally {
        inFlight.release();
      }
      retryAfterFailure(url, attempt, code, failure, cause);
    }
  }

  private void retryAfterFailure(HttpUrl url, int attempt, int code, String failure, @Nullable Throwable cause) {
    String what = code == 0 ? "did not answer" : "answered " + code;
    if (attempt > config.maxRetries()) {
      throw new GitHubApiException.Unavailable(code, "GitHub API " + what + " for " + describe(url) + " after "
          + attempt + " attempts: " + failure, cause == null ? new IOException(failure) : cause);
    }
    Duration wait = backoff.serverError(attempt);
    if (wait.compareTo(config.maxRetryWait()) > 0) {
      throw new GitHubApiException.Unavailable(code, "GitHub API " + what + " for " + describe(url) + ": " + failure);
    }
    LOG.warn("GitHub API {} for {} ({}); retry {} of {} in {}", what, describe(url), failure, attempt,
        config.maxRetries(), wait);
    sleep(wait);
  }

  private void awaitRateLimit(HttpUrl url) {
    while (true) {
      Instant now = clock.instant();
      Instant until = rateLimits.blockedAfter(now);
      if (until == null) {
        return;
      }
      Duration wait = Duration.between(now, until);
      if (wait.compareTo(config.maxRetryWait()) > 0) {
        throw new GitHubApiException.RateLimited(0, until, "rate-limited until " + until);
      }
      LOG.info("Waiting {} for the GitHub rate limit before {}", wait, describe(url));
      sleep(wait);
    }
  }

  private void sleep(Duration wait) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitHubApiException.Unavailable(0, "interrupted while waiting to call GitHub", e);
    }
  }

  private void acquire() {
    try {
      inFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitHubApiException.Unavailable(0, "interrupted while waiting to call GitHub", e);
    }
  }

  private Request request(HttpUrl url, @Nullable String postBody, EtagCache.@Nullable Entry cached) {
    Request.Builder builder = new Request.Builder().url(url)
        .header("Accept", "application/vnd.github+json")
        .header("X-GitHub-Api-Version", "2022-11-28")
        .header("User-Agent", config.userAgent());
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    if (cached != null) {
      builder.header("If-None-Match", cached.etag());
    }
    if (postBody != null) {
      builder.post(RequestBody.create(postBody, JSON));
    }
    return builder.build();
  }

  /** Reads a 2xx body within the size limit; a body that cannot be read is a problem, not a failure. */
  private ApiResponse read(HttpUrl url, Response response) throws IOException {
    HttpUrl next = nextLink(url, response.header("Link"));
    String etag = response.header("ETag");
    ResponseBody body = response.body();
    long max = config.maxPayloadBytes();
    if (body.contentLength() > max) {
      return new ApiResponse(url, response.code(), null, "response larger than maxPayloadBytes (" + max + ")", next, etag);
    }
    byte[] bytes;
    try (InputStream in = body.byteStream()) {
      bytes = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
    }
    if (bytes.length > max) {
      return new ApiResponse(url, response.code(), null, "response larger than maxPayloadBytes (" + max + ")", next, etag);
    }
    if (bytes.length == 0 && response.code() == 204) {
      return new ApiResponse(url, response.code(), null, null, next, etag);
    }
    try {
      return new ApiResponse(url, response.code(), json.parse(bytes), null, next, etag);
    } catch (PayloadException e) {
      return new ApiResponse(url, response.code(), null, e.getMessage(), next, etag);
    }
  }

  /** The next page, only when it stays on the API's scheme, host and port (the token goes with it). */
  private @Nullable HttpUrl nextLink(HttpUrl url, @Nullable String header) {
    String target = LinkHeader.next(header);
    if (target == null) {
      return null;
    }
    HttpUrl next = url.resolve(target);
    if (next == null || !next.scheme().equals(base.scheme()) || !next.host().equals(base.host())
        || next.port() != base.port()) {
      LOG.warn("Ignoring a next-page link of {} that leaves the API host: {}", describe(url), Texts.safe(target, 200));
      return null;
    }
    return next;
  }

  /** Path and query of a URL, for messages and logs (never a token: tokens only travel in headers). */
  public static String describe(HttpUrl url) {
    String query = url.encodedQuery();
    return Texts.safe(url.encodedPath() + (query == null ? "" : "?" + query), 300);
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }
}

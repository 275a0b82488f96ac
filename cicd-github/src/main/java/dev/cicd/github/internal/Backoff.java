package dev.cicd.github.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.DoubleSupplier;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * How long to wait before retrying, following GitHub's rules: {@code retry-after} when present; else
 * until {@code x-ratelimit-reset} when {@code x-ratelimit-remaining} is 0; else at least one minute,
 * doubling per attempt, with jitter, capped. 5xx and I/O errors back off from one second, capped.
 * Jitter only lengthens a wait, so a lower bound always holds.
 */
public final class Backoff {
  static final Duration SERVER_ERROR_BASE = Duration.ofSeconds(1);
  static final Duration SERVER_ERROR_CAP = Duration.ofSeconds(30);
  static final Duration SECONDARY_BASE = Duration.ofSeconds(60);
  static final Duration SECONDARY_CAP = Duration.ofMinutes(15);
  private static final double JITTER = 0.25;

  private final DoubleSupplier random;

  /** @param random values in [0, 1) for jitter */
  public Backoff(DoubleSupplier random) {
    this.random = random;
  }

  /** Wait before retry number {@code attempt} (1-based) after a 5xx or an I/O error. */
  public Duration serverError(int attempt) {
    return exponential(SERVER_ERROR_BASE, SERVER_ERROR_CAP, attempt);
  }

  /**
   * The instant before which a rate-limited request must not be retried.
   *
   * @param attempt 1 for the first rate-limited answer to this request
   */
  public Instant rateLimitedUntil(Headers headers, Instant now, int attempt) {
    Duration retryAfter = retryAfter(headers.get("retry-after"), now);
    if (retryAfter != null) {
      return now.plus(retryAfter);
    }
    Long remaining = RateLimitState.number(headers.get("x-ratelimit-remaining"));
    Long reset = RateLimitState.number(headers.get("x-ratelimit-reset"));
    if (remaining != null && remaining == 0 && reset != null) {
      Instant resetAt = Instant.ofEpochSecond(reset).plusSeconds(1);
      return resetAt.isAfter(now) ? resetAt : now.plusSeconds(1);
    }
    return now.plus(exponential(SECONDARY_BASE, SECONDARY_CAP, attempt));
  }

  /** True when a 403 or 429 is a rate limit rather than a permission problem. */
  static boolean isRateLimit(int code, Headers headers, @Nullable String message) {
    if (code == 429) {
      return true;
    }
    if (code != 403) {
      return false;
    }
    return headers.get("retry-after") != null
        || "0".equals(trim(headers.get("x-ratelimit-remaining")))
        || (message != null && message.toLowerCase(java.util.Locale.ROOT).contains("rate limit"));
  }

  private Duration exponential(Duration base, Duration cap, int attempt) {
    int shift = Math.max(0, Math.min(attempt - 1, 20));
    Duration wait = base.multipliedBy(1L << shift);
    if (wait.compareTo(cap) > 0) {
      wait = cap;
    }
    long jitterMillis = (long) (wait.toMillis() * JITTER * Math.max(0.0, Math.min(1.0, random.getAsDouble())));
    return wait.plusMillis(jitterMillis);
  }

  /** {@code retry-after} as delta-seconds or HTTP-date; null when absent or unreadable. */
  static @Nullable Duration retryAfter(@Nullable String value, Instant now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.trim();
    try {
      long seconds = Long.parseLong(text);
      return Duration.ofSeconds(Math.max(0, Math.min(seconds, Duration.ofDays(1).toSeconds())));
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }

  private static @Nullable String trim(@Nullable String value) {
    return value == null ? null : value.trim();
  }
}

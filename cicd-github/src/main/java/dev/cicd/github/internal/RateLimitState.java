package dev.cicd.github.internal;

import java.time.Instant;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * What GitHub last said about the token's primary rate limit ({@code x-ratelimit-*}, matched
 * case-insensitively) and until when no request may be sent. Thread-safe.
 */
public final class RateLimitState {
  /** An immutable view for health reporting. */
  public record Snapshot(@Nullable Long limit, @Nullable Long remaining, @Nullable Long used,
      @Nullable Instant reset, @Nullable String resource, @Nullable Instant blockedUntil) {}

  private @Nullable Long limit;
  private @Nullable Long remaining;
  private @Nullable Long used;
  private @Nullable Instant reset;
  private @Nullable String resource;
  private @Nullable Instant blockedUntil;

  /** Reads the rate-limit headers of a response; a response with remaining 0 blocks until the reset. */
  public synchronized void update(Headers headers, Instant now) {
    Long newLimit = number(headers.get("x-ratelimit-limit"));
    Long newRemaining = number(headers.get("x-ratelimit-remaining"));
    Long newUsed = number(headers.get("x-ratelimit-used"));
    Long resetSeconds = number(headers.get("x-ratelimit-reset"));
    limit = newLimit != null ? newLimit : limit;
    remaining = newRemaining != null ? newRemaining : remaining;
    used = newUsed != null ? newUsed : used;
    reset = resetSeconds != null ? Instant.ofEpochSecond(resetSeconds) : reset;
    String newResource = headers.get("x-ratelimit-resource");
    resource = newResource != null ? Texts.safe(newResource, 40) : resource;
    if (newRemaining != null && newRemaining == 0 && reset != null && reset.isAfter(now)) {
      block(reset.plusSeconds(1));
    }
  }

  /** No request before {@code until} (extends, never shortens, a current block). */
  public synchronized void block(Instant until) {
    if (blockedUntil == null || until.isAfter(blockedUntil)) {
      blockedUntil = until;
    }
  }

  /** The instant before which no request may be sent, if that is after {@code now}. */
  public synchronized @Nullable Instant blockedAfter(Instant now) {
    return blockedUntil != null && blockedUntil.isAfter(now) ? blockedUntil : null;
  }

  public synchronized Snapshot snapshot() {
    return new Snapshot(limit, remaining, used, reset, resource, blockedUntil);
  }

  static @Nullable Long number(@Nullable String value) {
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}

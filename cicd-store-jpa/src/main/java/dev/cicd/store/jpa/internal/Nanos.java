package dev.cicd.store.jpa.internal;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Instants as BIGINT nanoseconds since the epoch: exact for every {@link Instant} between 1677 and
 * 2262. Instants outside that range are stored saturated at its ends.
 */
public final class Nanos {
  private static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000_000L - 1;
  private static final long MIN_SECONDS = Long.MIN_VALUE / 1_000_000_000L + 1;

  private Nanos() {}

  public static long of(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds > MAX_SECONDS) {
      return Long.MAX_VALUE;
    }
    if (seconds < MIN_SECONDS) {
      return Long.MIN_VALUE;
    }
    return seconds * 1_000_000_000L + instant.getNano();
  }

  public static @Nullable Long ofNullable(@Nullable Instant instant) {
    return instant == null ? null : of(instant);
  }

  public static Instant toInstant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  public static @Nullable Instant toInstant(@Nullable Long nanos) {
    return nanos == null ? null : toInstant(nanos.longValue());
  }

  /** {@code Duration.between(from, to).toMillis()} for instants given in nanoseconds. */
  public static long millisBetween(long fromNanos, long toNanos) {
    return Math.floorDiv(toNanos - fromNanos, 1_000_000L);
  }
}

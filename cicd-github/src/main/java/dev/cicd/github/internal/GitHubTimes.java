package dev.cicd.github.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * Timestamps as GitHub writes them: {@code 2020-10-05T16:33:24Z}, with milliseconds
 * ({@code 2021-08-05T10:26:08.000Z}), with an offset ({@code 2020-01-20T09:42:40.000-08:00}), and in
 * a few places as epoch seconds. A zero value (epoch 0 or Go's zero time {@code 0001-01-01}) means
 * "never" and becomes null, as do null and the empty string.
 */
public final class GitHubTimes {
  /** Anything at or before this instant is a placeholder for "not set", not a real CI event. */
  private static final Instant NOT_SET_BEFORE = Instant.EPOCH;

  private GitHubTimes() {}

  /**
   * Parses a timestamp text.
   *
   * @return the instant, or null for null, empty or zero values
   * @throws DateTimeException when the text is not an ISO-8601 date-time with offset
   */
  public static @Nullable Instant parse(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    Instant instant = OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    return notSet(instant) ? null : instant;
  }

  /** Epoch seconds (as in {@code push} payloads) to an instant; null for 0 or less. */
  public static @Nullable Instant fromEpochSeconds(long seconds) {
    Instant instant = Instant.ofEpochSecond(seconds);
    return notSet(instant) ? null : instant;
  }

  /** The {@code created} search qualifier value for {@code [from, to]}, in whole seconds, UTC. */
  public static String range(Instant from, Instant to) {
    return DateTimeFormatter.ISO_INSTANT.format(from.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)) + ".."
        + DateTimeFormatter.ISO_INSTANT.format(to.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  private static boolean notSet(Instant instant) {
    return !instant.isAfter(NOT_SET_BEFORE);
  }
}

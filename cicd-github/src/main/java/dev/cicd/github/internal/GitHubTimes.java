package dev.cicd.github.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
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
    Instant instant = utc(text);
    if (instant == null) {
      instant = OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }
    return notSet(instant) ? null : instant;
  }

  /**
   * The common shapes {@code 2020-10-05T16:33:24Z} and {@code 2021-08-05T10:26:08.000Z} read directly (the
   * general parser cost 5 % of a webhook's CPU); null for anything else, which the general parser then reads
   * or rejects. Every field is range-checked as the general parser does (no lenient rollover).
   */
  static @Nullable Instant utc(String t) {
    int n = t.length();
    if ((n != 20 && n != 24) || t.charAt(n - 1) != 'Z' || t.charAt(4) != '-' || t.charAt(7) != '-'
        || t.charAt(10) != 'T' || t.charAt(13) != ':' || t.charAt(16) != ':' || (n == 24 && t.charAt(19) != '.')) {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 2);
    int day = digits(t, 8, 2);
    int hour = digits(t, 11, 2);
    int minute = digits(t, 14, 2);
    int second = digits(t, 17, 2);
    int millis = n == 24 ? digits(t, 20, 3) : 0;
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > Month.of(month).length(Year.isLeap(year))
        || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || millis < 0) {
      return null;
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3_600L + minute * 60L + second, millis * 1_000_000L);
  }

  /** The decimal number of {@code length} digits at {@code from}; -1 when one is not a digit. */
  private static int digits(String t, int from, int length) {
    int value = 0;
    for (int i = from; i < from + length; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
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

package dev.cicd.core.alert;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * A daily window, in a time zone, during which a receiver gets no notifications: they are deferred to
 * the end of the window, never dropped. The window may cross midnight (22:00–07:00). Local times are
 * wall-clock times, so the window follows daylight-saving changes; an end time that falls in a DST
 * gap moves forward by the gap.
 */
public record QuietHours(ZoneId zone, LocalTime start, LocalTime end) {

  public QuietHours {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (start.equals(end)) {
      throw new IllegalArgumentException("quiet hours start and end must differ, but both were " + start);
    }
  }

  public static QuietHours of(String zone, String start, String end) {
    return new QuietHours(ZoneId.of(zone), LocalTime.parse(start), LocalTime.parse(end));
  }

  private boolean crossesMidnight() {
    return end.isBefore(start);
  }

  /** True when {@code instant} lies inside the window. */
  public boolean contains(Instant instant) {
    LocalTime local = instant.atZone(zone).toLocalTime();
    if (crossesMidnight()) {
      return !local.isBefore(start) || local.isBefore(end);
    }
    return !local.isBefore(start) && local.isBefore(end);
  }

  /** {@code instant} itself when outside the window, else the instant the window ends. */
  public Instant release(Instant instant) {
    if (!contains(instant)) {
      return instant;
    }
    ZonedDateTime at = instant.atZone(zone);
    var date = at.toLocalDate();
    if (crossesMidnight() && !at.toLocalTime().isBefore(start)) {
      date = date.plusDays(1);
    }
    Instant releaseAt = ZonedDateTime.ofLocal(LocalDateTime.of(date, end), zone, null).toInstant();
    return releaseAt.isAfter(instant) ? releaseAt : instant;
  }
}

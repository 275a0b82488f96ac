package dev.cicd.core.alert.internal;

import java.time.Duration;

/** Short human text for durations: {@code 26h}, {@code 1h 5m}, {@code 45s}. */
public final class Durations {
  private Durations() {}

  public static String text(Duration d) {
    long seconds = Math.max(0, d.getSeconds());
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3_600;
    long minutes = seconds % 3_600 / 60;
    long secs = seconds % 60;
    StringBuilder out = new StringBuilder();
    if (days > 0 && hours == 0 && minutes == 0 && secs == 0) {
      return days + "d";
    }
    hours += days * 24;
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (minutes > 0) {
      out.append(out.length() > 0 ? " " : "").append(minutes).append('m');
    }
    if (secs > 0 || out.length() == 0) {
      out.append(out.length() > 0 ? " " : "").append(secs).append('s');
    }
    return out.toString();
  }
}

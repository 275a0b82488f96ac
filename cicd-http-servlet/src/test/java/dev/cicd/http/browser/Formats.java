package dev.cicd.http.browser;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The dashboard's number formats (format.js) written again in Java, so a test can turn the API's
 * numbers into the exact text the page must show. A missing or null value is "—".
 */
final class Formats {
  static final String NONE = "—";

  private Formats() {}

  static String count(JsonNode value) {
    return isNumber(value) ? String.format(Locale.US, "%,d", value.asLong()) : NONE;
  }

  static String percent(JsonNode value) {
    if (!isNumber(value)) {
      return NONE;
    }
    long tenths = Math.round(value.asDouble() * 1000);
    return (tenths / 10) + "." + Math.abs(tenths % 10) + "%";
  }

  static String duration(JsonNode value) {
    if (!isNumber(value)) {
      return NONE;
    }
    long ms = Math.max(0, Math.round(value.asDouble()));
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      long tenths = Math.round(ms / 100.0);
      return tenths >= 600 ? "1 min 00 s" : (tenths / 10) + "." + (tenths % 10) + " s";
    }
    long seconds = Math.round(ms / 1000.0);
    if (seconds < 3600) {
      return (seconds / 60) + " min " + pad(seconds % 60) + " s";
    }
    long minutes = Math.round(ms / 60_000.0);
    if (minutes < 48 * 60) {
      return (minutes / 60) + " h " + pad(minutes % 60) + " min";
    }
    long hours = Math.round(ms / 3_600_000.0);
    return (hours / 24) + " d " + pad(hours % 24) + " h";
  }

  private static String pad(long n) {
    return n < 10 ? "0" + n : Long.toString(n);
  }

  private static boolean isNumber(JsonNode value) {
    return value != null && value.isNumber();
  }
}

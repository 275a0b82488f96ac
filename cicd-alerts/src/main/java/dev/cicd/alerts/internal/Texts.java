package dev.cicd.alerts.internal;

import org.jspecify.annotations.Nullable;

/** Escaping and truncation of untrusted text for each output format. */
public final class Texts {
  public static final String ELLIPSIS = "…";

  private Texts() {}

  /** Slack control characters: only {@code & < >} are entity-encoded. */
  public static String slack(@Nullable String value) {
    if (value == null) {
      return "";
    }
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** HTML text and attribute content. */
  public static String html(@Nullable String value) {
    if (value == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (char c : value.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** One line: CR, LF and other control characters become spaces (for headers and subjects). */
  public static String oneLine(@Nullable String value) {
    if (value == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
    }
    return out.toString();
  }

  /** At most {@code max} chars, ending in an ellipsis when cut; never splits a surrogate pair. */
  public static String truncate(@Nullable String value, int max) {
    if (value == null) {
      return "";
    }
    if (value.length() <= max) {
      return value;
    }
    int cut = max - ELLIPSIS.length();
    if (cut > 0 && Character.isHighSurrogate(value.charAt(cut - 1))) {
      cut--;
    }
    return value.substring(0, Math.max(0, cut)) + ELLIPSIS;
  }

  /** Cuts already-escaped Slack text to {@code max} chars without splitting an entity. */
  public static String truncateEscaped(String escaped, int max) {
    if (escaped.length() <= max) {
      return escaped;
    }
    int cut = max - ELLIPSIS.length();
    int amp = escaped.lastIndexOf('&', cut);
    if (amp >= 0 && amp > cut - 5 && escaped.indexOf(';', amp) >= cut) {
      cut = amp;
    }
    if (cut > 0 && Character.isHighSurrogate(escaped.charAt(cut - 1))) {
      cut--;
    }
    return escaped.substring(0, cut) + ELLIPSIS;
  }
}

package dev.cicd.core.build;

import org.jspecify.annotations.Nullable;

/**
 * Cleans untrusted text from a provider before it is stored: removes NUL characters (PostgreSQL text
 * columns reject them), replaces unpaired surrogates with U+FFFD and truncates overlong values with a
 * trailing {@value #TRUNCATION_MARKER}. Every store therefore keeps exactly the same text.
 */
public final class ProviderText {
  /** Limit for names: branch, actor, event, runner, job and step names. */
  public static final int NAME_LIMIT = 1_000;
  /** Limit for long text: workflow names, titles, URLs. */
  public static final int TEXT_LIMIT = 4_000;

  public static final String TRUNCATION_MARKER = "…";

  private ProviderText() {}

  public static @Nullable String name(@Nullable String value) {
    return clean(value, NAME_LIMIT);
  }

  public static @Nullable String text(@Nullable String value) {
    return clean(value, TEXT_LIMIT);
  }

  /** Cleans {@code value} and cuts it to at most {@code maxLength} chars (marker included). */
  public static @Nullable String clean(@Nullable String value, int maxLength) {
    if (value == null) {
      return null;
    }
    StringBuilder out = null;
    int n = value.length();
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      boolean keep;
      char replacement = c;
      if (c == '\u0000') {
        keep = false;
      } else if (Character.isHighSurrogate(c)) {
        boolean paired = i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1));
        keep = true;
        if (!paired) {
          replacement = '\uFFFD';
        }
      } else if (Character.isLowSurrogate(c)) {
        boolean paired = i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
        keep = true;
        if (!paired) {
          replacement = '\uFFFD';
        }
      } else {
        keep = true;
      }
      if (out == null && (!keep || replacement != c)) {
        out = new StringBuilder(n).append(value, 0, i);
      }
      if (out != null && keep) {
        out.append(replacement);
      }
    }
    String cleaned = out == null ? value : out.toString();
    if (cleaned.length() <= maxLength) {
      return cleaned;
    }
    int cut = maxLength - TRUNCATION_MARKER.length();
    if (Character.isHighSurrogate(cleaned.charAt(cut - 1))) {
      cut--;
    }
    return cleaned.substring(0, cut) + TRUNCATION_MARKER;
  }

  /** {@link #name} for values that must not be null. */
  public static String requiredName(String value) {
    String cleaned = name(value);
    return cleaned == null ? "" : cleaned;
  }

  /** {@link #text} for values that must not be null. */
  public static String requiredText(String value) {
    String cleaned = text(value);
    return cleaned == null ? "" : cleaned;
  }
}

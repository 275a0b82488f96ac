package dev.cicd.github.internal;

import org.jspecify.annotations.Nullable;

/** Small helpers for untrusted text that ends up in messages, logs and metric keys. */
public final class Texts {
  private Texts() {}

  /**
   * Replaces control characters (CR, LF, NUL ...) with {@code ?} and cuts to {@code max} characters,
   * so a value quoted in a problem text or a log line stays on one line and bounded.
   */
  public static String safe(@Nullable String value, int max) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(Math.min(value.length(), max + 1));
    for (int i = 0; i < value.length() && out.length() < max; i++) {
      char c = value.charAt(i);
      out.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
    }
    if (value.length() > max) {
      out.append('…');
    }
    return out.toString();
  }

  /** Formats a count with thousands separators: {@code 1,200}. */
  public static String count(long value) {
    return String.format(java.util.Locale.ROOT, "%,d", value);
  }
}

package dev.cicd.core.build;

import java.util.Locale;
import java.util.Optional;

/** How a completed run, attempt, job or step ended, spelled as GitHub spells it. */
public enum Conclusion {
  SUCCESS,
  FAILURE,
  NEUTRAL,
  CANCELLED,
  SKIPPED,
  TIMED_OUT,
  ACTION_REQUIRED,
  STALE,
  STARTUP_FAILURE;

  private static final Conclusion[] VALUES = values();

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** The lower-case wire name, for example {@code timed_out}. */
  public String wireName() {
    return wireName;
  }

  /** Parses a wire name case-insensitively; empty for unknown or null values. */
  public static Optional<Conclusion> fromWireName(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (Conclusion conclusion : VALUES) {
      if (conclusion.wireName.equals(value)) {
        return Optional.of(conclusion);
      }
    }
    String trimmed = value.trim();
    for (Conclusion conclusion : VALUES) {
      if (conclusion.wireName.equalsIgnoreCase(trimmed)) {
        return Optional.of(conclusion);
      }
    }
    return Optional.empty();
  }
}

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

  /** The lower-case wire name, for example {@code timed_out}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name case-insensitively; empty for unknown or null values. */
  public static Optional<Conclusion> fromWireName(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (Conclusion conclusion : values()) {
      if (conclusion.wireName().equalsIgnoreCase(value.trim())) {
        return Optional.of(conclusion);
      }
    }
    return Optional.empty();
  }
}

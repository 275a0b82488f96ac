package dev.cicd.core.build;

import java.util.Locale;
import java.util.Optional;

/**
 * Status of a run, an attempt or a job, spelled as GitHub spells it. The {@link #rank()} orders the
 * lifecycle: a status with a higher rank is later; statuses of equal rank are ordered by the
 * provider's timestamps.
 */
public enum BuildStatus {
  REQUESTED(0),
  PENDING(1),
  QUEUED(1),
  WAITING(1),
  IN_PROGRESS(2),
  COMPLETED(3);

  private static final BuildStatus[] VALUES = values();

  private final int rank;
  private final String wireName;

  BuildStatus(int rank) {
    this.rank = rank;
    this.wireName = name().toLowerCase(Locale.ROOT);
  }

  /** Lifecycle position: requested &lt; queued/pending/waiting &lt; in_progress &lt; completed. */
  public int rank() {
    return rank;
  }

  /** The lower-case wire name, for example {@code in_progress}. */
  public String wireName() {
    return wireName;
  }

  /** Parses a wire name case-insensitively; empty for unknown or null values. */
  public static Optional<BuildStatus> fromWireName(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (BuildStatus status : VALUES) {
      if (status.wireName.equals(value)) {
        return Optional.of(status);
      }
    }
    String trimmed = value.trim();
    for (BuildStatus status : VALUES) {
      if (status.wireName.equalsIgnoreCase(trimmed)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}

package dev.cicd.core.ingest;

import dev.cicd.core.build.Build;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A real change of a stored build.
 *
 * @param before the build before the merge; null when it was created
 * @param after the build as stored
 */
public record BuildChange(@Nullable Build before, Build after) {
  public BuildChange {
    Objects.requireNonNull(after, "after");
  }

  /** True when this change completed the build's latest attempt (it was not completed before). */
  public boolean completedNow() {
    if (!after.isCompleted()) {
      return false;
    }
    return before == null
        || !before.isCompleted()
        || before.attemptNumber() != after.attemptNumber()
        || !Objects.equals(before.completedAt(), after.completedAt());
  }
}

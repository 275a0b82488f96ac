package dev.cicd.core.build;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The state of one attempt of a build as last reported by the provider.
 *
 * @param startedAt when the attempt started running (GitHub: {@code run_started_at})
 * @param updatedAt provider's last-update time of the attempt, used to order reports
 * @param completedAt when the attempt completed; null unless {@code status} is completed
 * @param placeholder true while no run report for this attempt has arrived and the attempt is known
 *     only from its jobs
 */
public record Attempt(
    int number,
    BuildStatus status,
    @Nullable Conclusion conclusion,
    @Nullable Instant startedAt,
    @Nullable Instant updatedAt,
    @Nullable Instant completedAt,
    @Nullable String triggeringActor,
    boolean placeholder) {

  public Attempt {
    Objects.requireNonNull(status, "status");
    if (number < 1) {
      throw new IllegalArgumentException("attempt number must be at least 1, but was " + number);
    }
    triggeringActor = ProviderText.name(triggeringActor);
    if (status != BuildStatus.COMPLETED) {
      completedAt = null;
    }
  }

  public boolean isCompleted() {
    return status == BuildStatus.COMPLETED;
  }
}

package dev.cicd.core.build;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** One step of a job. */
public record Step(
    int number,
    String name,
    BuildStatus status,
    @Nullable Conclusion conclusion,
    @Nullable Instant startedAt,
    @Nullable Instant completedAt) {

  public Step {
    name = ProviderText.requiredName(Objects.requireNonNull(name, "name"));
    Objects.requireNonNull(status, "status");
  }
}

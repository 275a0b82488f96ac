package dev.cicd.core.build;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One job of one attempt of a build.
 *
 * @param id provider's job id (unique per attempt)
 * @param attempt the run attempt the job belongs to, from 1
 * @param startedAt null when the job never started; always null while the job is requested, queued,
 *     pending or waiting (GitHub fills it with the creation time then)
 */
public record Job(
    long id,
    int attempt,
    String name,
    BuildStatus status,
    @Nullable Conclusion conclusion,
    @Nullable Instant createdAt,
    @Nullable Instant startedAt,
    @Nullable Instant completedAt,
    @Nullable String runnerName,
    @Nullable String runnerGroup,
    List<String> labels,
    List<Step> steps,
    @Nullable String url) {

  public Job {
    name = ProviderText.requiredName(Objects.requireNonNull(name, "name"));
    Objects.requireNonNull(status, "status");
    runnerName = ProviderText.name(runnerName);
    runnerGroup = ProviderText.name(runnerGroup);
    url = ProviderText.text(url);
    labels = labels.stream().map(ProviderText::requiredName).toList();
    if (status.rank() < BuildStatus.IN_PROGRESS.rank()) {
      // GitHub reports started_at = created_at on queued and waiting jobs: they have not started.
      startedAt = null;
      completedAt = null;
    }
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, but was " + attempt);
    }
    steps = List.copyOf(steps);
  }

  /** Time spent waiting for a runner, {@code startedAt − createdAt}, never negative; null if not started. */
  public @Nullable Long queueMs() {
    if (startedAt == null || createdAt == null) {
      return null;
    }
    return Math.max(0L, Duration.between(createdAt, startedAt).toMillis());
  }

  /** Run time, {@code completedAt − startedAt}, never negative; null unless both are known. */
  public @Nullable Long durationMs() {
    if (startedAt == null || completedAt == null) {
      return null;
    }
    return Math.max(0L, Duration.between(startedAt, completedAt).toMillis());
  }
}

package dev.cicd.core.alert.internal;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.metrics.OutcomePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The recent builds of one series, oldest first, as the rules see them.
 *
 * @param builds every loaded build of the series, oldest first by (createdAt, run number, run id)
 * @param tolerance clock-skew allowance for provider timestamps that lie slightly in the future
 * @param finder loads a build with its jobs
 * @param lastCompleted loads the newest completed build of the series (not limited to the loaded ones)
 */
public record SeriesHistory(Series series, List<Build> builds, Instant now, Duration tolerance,
    OutcomePolicy policy, Function<BuildId, Optional<Build>> finder,
    java.util.function.Supplier<Optional<Build>> lastCompleted) {

  /** The order of builds in a series. */
  public static final Comparator<Build> ORDER = Comparator.comparing(Build::createdAt)
      .thenComparingLong(Build::runNumber).thenComparingLong(b -> b.id().runId());

  public SeriesHistory {
    builds = builds.stream().sorted(ORDER).toList();
  }

  /** Completed builds whose conclusion counts as success or failure, oldest first. */
  public List<Build> qualifying() {
    return builds.stream().filter(b -> b.isCompleted() && policy.isRateRelevant(b.conclusion())).toList();
  }

  public Optional<Build> newest() {
    return builds.isEmpty() ? Optional.empty() : Optional.of(builds.get(builds.size() - 1));
  }

  public boolean isFailure(Build build) {
    return policy.isFailure(build.conclusion());
  }

  public boolean isSuccess(Build build) {
    return policy.isSuccess(build.conclusion());
  }

  /** True when {@code at} lies in {@code [now − window, now + tolerance]}. */
  public boolean inWindow(Instant at, Duration window) {
    return !at.isBefore(now.minus(window)) && !at.isAfter(now.plus(tolerance));
  }
}

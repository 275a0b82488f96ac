package dev.cicd.core.metrics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The KPIs of a window, as DESIGN.md defines them. Rates are in [0, 1] and null when their
 * denominator is 0; durations are milliseconds; percentiles are exact nearest-rank values.
 *
 * @param builds counts by the latest attempt's conclusion
 * @param mttrMs mean length of failure episodes ending in the window
 * @param flakyBuilds builds with an earlier failed attempt and a later successful one
 * @param rerunRate share of builds with more than one attempt
 */
public record BuildSummary(
    Instant from,
    Instant to,
    ConclusionCounts builds,
    @Nullable Double successRate,
    DurationStats durationMs,
    QueueStats queueMs,
    @Nullable Double mttrMs,
    long flakyBuilds,
    @Nullable Double firstAttemptSuccessRate,
    @Nullable Double rerunRate,
    List<GroupStats> byRepository,
    List<GroupStats> byWorkflow,
    List<DailyPoint> daily,
    DoraMetrics dora) {

  public BuildSummary {
    byRepository = List.copyOf(byRepository);
    byWorkflow = List.copyOf(byWorkflow);
    daily = List.copyOf(daily);
  }

  /**
   * Counts of builds by conclusion: {@code failure} is that conclusion only; {@code other} is
   * timed_out, startup_failure, neutral, action_required and stale.
   */
  public record ConclusionCounts(long total, long success, long failure, long cancelled, long skipped, long other) {}

  /** Duration statistics over builds with a rate-relevant conclusion; null when there are none. */
  public record DurationStats(long count, @Nullable Double avg, @Nullable Long p50, @Nullable Long p95) {}

  /** Queue-time statistics over every started job of every attempt of the window's builds. */
  public record QueueStats(long count, @Nullable Long p50, @Nullable Long p95) {}

  /**
   * Per-repository (workflow null) or per-workflow statistics.
   *
   * @param failed builds whose conclusion is in the failure class
   */
  public record GroupStats(
      String repository,
      @Nullable String workflow,
      long total,
      long success,
      long failed,
      @Nullable Double successRate,
      @Nullable Long p50DurationMs,
      @Nullable Long p95DurationMs) {}

  /** One calendar day (in the query's zone) of the window; days without builds have total 0. */
  public record DailyPoint(
      LocalDate date,
      long total,
      long success,
      long failed,
      @Nullable Double successRate,
      @Nullable Long p50DurationMs,
      @Nullable Long p95DurationMs) {}

  /**
   * DORA metrics from deployment statuses. A deployment's outcome is its latest success, failure or
   * error status; it belongs to the window when that status's time does.
   *
   * @param deployments successful deployments in the window
   * @param failedDeployments failed (failure or error) deployments in the window
   * @param deploymentsPerDay successful deployments per day of the window
   * @param changeFailureRate failed / (successful + failed); null when none
   * @param leadTimeP50Ms median time from the deployed commit (its earliest known head-commit time) to
   *     the successful deployment
   * @param timeToRestoreMs mean time from the first failed deployment of an environment to its next
   *     successful one, for recoveries in the window
   */
  public record DoraMetrics(
      long deployments,
      long failedDeployments,
      @Nullable Double deploymentsPerDay,
      @Nullable Double changeFailureRate,
      @Nullable Long leadTimeP50Ms,
      @Nullable Double timeToRestoreMs) {

    public boolean hasData() {
      return deployments + failedDeployments > 0;
    }
  }
}

package dev.cicd.core.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A metrics window {@code [from, to)} on build completion time, with optional filters (exact match;
 * null matches all). Daily series use calendar days in {@code zone} (UTC by default).
 */
public record MetricsQuery(
    Instant from,
    Instant to,
    @Nullable String repository,
    @Nullable String workflow,
    @Nullable String branch,
    OutcomePolicy policy,
    ZoneId zone) {

  /** Longest window accepted, which bounds the daily series. */
  public static final Duration MAX_WINDOW = Duration.ofDays(1830);

  public MetricsQuery {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(zone, "zone");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to, but was from=" + from + " to=" + to);
    }
    if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
      throw new IllegalArgumentException("window must be at most " + MAX_WINDOW.toDays() + " days, but was "
          + Duration.between(from, to).toDays() + " days");
    }
  }

  public static MetricsQuery window(Instant from, Instant to) {
    return new MetricsQuery(from, to, null, null, null, OutcomePolicy.DEFAULT, ZoneOffset.UTC);
  }

  /** The window {@code [now − length, now)}. */
  public static MetricsQuery last(Duration length, Instant now) {
    return window(now.minus(length), now);
  }

  public MetricsQuery withRepository(@Nullable String value) {
    return new MetricsQuery(from, to, value, workflow, branch, policy, zone);
  }

  public MetricsQuery withWorkflow(@Nullable String value) {
    return new MetricsQuery(from, to, repository, value, branch, policy, zone);
  }

  public MetricsQuery withBranch(@Nullable String value) {
    return new MetricsQuery(from, to, repository, workflow, value, policy, zone);
  }

  public MetricsQuery withPolicy(OutcomePolicy value) {
    return new MetricsQuery(from, to, repository, workflow, branch, value, zone);
  }

  public MetricsQuery withZone(ZoneId value) {
    return new MetricsQuery(from, to, repository, workflow, branch, policy, value);
  }

  public boolean contains(Instant instant) {
    return !instant.isBefore(from) && instant.isBefore(to);
  }
}

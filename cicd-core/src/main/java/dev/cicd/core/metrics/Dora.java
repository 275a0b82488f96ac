package dev.cicd.core.metrics;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.DeploymentState;
import dev.cicd.core.build.DeploymentStatus;
import dev.cicd.core.metrics.BuildSummary.DoraMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * DORA metrics from deployment statuses (see {@link DoraMetrics}). Only the repository filter
 * applies to deployments. A deployment's outcome is its latest success, failure or error status
 * (ordered by time, then status id).
 */
public final class Dora {
  private static final Comparator<DeploymentStatus> STATUS_ORDER =
      Comparator.comparing(DeploymentStatus::createdAt).thenComparingLong(DeploymentStatus::statusId);

  private Dora() {}

  public static DoraMetrics compute(
      Collection<DeploymentStatus> statuses, Collection<Build> builds, MetricsQuery query) {
    Map<List<Object>, DeploymentStatus> outcomes = new HashMap<>();
    for (DeploymentStatus status : statuses) {
      boolean terminal = status.state() == DeploymentState.SUCCESS || status.state().isFailure();
      if (!terminal || (query.repository() != null && !query.repository().equals(status.repository()))) {
        continue;
      }
      outcomes.merge(List.of(status.provider(), status.repository(), status.deploymentId()), status,
          (a, b) -> STATUS_ORDER.compare(a, b) >= 0 ? a : b);
    }
    Map<List<String>, Instant> commitTimes = commitTimes(builds);
    long ok = 0;
    long failed = 0;
    List<Long> leadTimes = new ArrayList<>();
    Map<List<String>, List<DeploymentStatus>> byEnvironment = new HashMap<>();
    for (DeploymentStatus outcome : outcomes.values()) {
      byEnvironment.computeIfAbsent(List.of(outcome.provider(), outcome.repository(), outcome.environment()),
          k -> new ArrayList<>()).add(outcome);
      if (!query.contains(outcome.createdAt())) {
        continue;
      }
      if (outcome.state() == DeploymentState.SUCCESS) {
        ok++;
        Instant commit = outcome.sha() == null ? null
            : commitTimes.get(List.of(outcome.repository(), outcome.sha()));
        if (commit != null) {
          leadTimes.add(Math.max(0L, Duration.between(commit, outcome.createdAt()).toMillis()));
        }
      } else {
        failed++;
      }
    }
    List<Long> restores = new ArrayList<>();
    for (List<DeploymentStatus> sequence : byEnvironment.values()) {
      sequence.sort(STATUS_ORDER);
      Instant firstFailure = null;
      for (DeploymentStatus outcome : sequence) {
        if (outcome.state().isFailure()) {
          firstFailure = firstFailure == null ? outcome.createdAt() : firstFailure;
        } else {
          if (firstFailure != null && query.contains(outcome.createdAt())) {
            restores.add(Duration.between(firstFailure, outcome.createdAt()).toMillis());
          }
          firstFailure = null;
        }
      }
    }
    double days = Duration.between(query.from(), query.to()).toMillis() / 86_400_000.0;
    long[] lead = leadTimes.stream().mapToLong(Long::longValue).toArray();
    return new DoraMetrics(ok, failed, ok + failed == 0 ? null : ok / days,
        NearestRank.ratio(failed, ok + failed), NearestRank.of(lead, 50),
        NearestRank.mean(restores.stream().mapToLong(Long::longValue).toArray()));
  }

  /** Earliest known head-commit time per (repository, sha). */
  static Map<List<String>, Instant> commitTimes(Collection<Build> builds) {
    Map<List<String>, Instant> times = new HashMap<>();
    for (Build build : builds) {
      if (build.commitSha() != null && build.headCommitAt() != null) {
        times.merge(List.of(build.id().repository(), build.commitSha()), build.headCommitAt(),
            (a, b) -> a.isBefore(b) ? a : b);
      }
    }
    return times;
  }
}

package dev.cicd.core.metrics;

import dev.cicd.core.build.Attempt;
import dev.cicd.core.build.Build;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.build.DeploymentStatus;
import dev.cicd.core.build.Job;
import dev.cicd.core.metrics.BuildSummary.ConclusionCounts;
import dev.cicd.core.metrics.BuildSummary.DurationStats;
import dev.cicd.core.metrics.BuildSummary.GroupStats;
import dev.cicd.core.metrics.BuildSummary.QueueStats;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The reference computation of every metric in DESIGN.md, in plain Java over whole builds. Every store
 * must return exactly these numbers; stores that compute closer to their data are tested against it.
 */
public final class MetricsCalculator {
  private MetricsCalculator() {}

  /**
   * @param history every stored build (MTTR looks before the window); filters are applied here
   * @param deployments every deployment status (DORA looks before the window)
   */
  public static BuildSummary summarize(
      Collection<Build> history, Collection<DeploymentStatus> deployments, MetricsQuery query) {
    OutcomePolicy policy = query.policy();
    List<Build> matching = new ArrayList<>();
    List<Build> window = new ArrayList<>();
    for (Build build : history) {
      if (matchesFilters(build, query)) {
        matching.add(build);
        if (inWindow(build, query)) {
          window.add(build);
        }
      }
    }
    BuildStats all = new BuildStats(policy);
    Map<String, BuildStats> byRepository = new TreeMap<>();
    Map<List<String>, BuildStats> byWorkflow = new TreeMap<>(MetricsCalculator::compareKeys);
    List<Long> queue = new ArrayList<>();
    long flaky = 0;
    long firstAttemptSuccess = 0;
    long reruns = 0;
    for (Build build : window) {
      all.add(build);
      byRepository.computeIfAbsent(build.id().repository(), k -> new BuildStats(policy)).add(build);
      byWorkflow.computeIfAbsent(List.of(build.id().repository(), build.workflow().name()),
          k -> new BuildStats(policy)).add(build);
      for (Job job : build.jobs()) {
        Long q = job.queueMs();
        if (q != null) {
          queue.add(q);
        }
      }
      if (isFlaky(build, policy)) {
        flaky++;
      }
      if (build.attemptNumber() > 1) {
        reruns++;
      }
      if (policy.isRateRelevant(build.conclusion())
          && build.attempt(1).map(a -> policy.isSuccess(a.conclusion())).orElse(false)) {
        firstAttemptSuccess++;
      }
    }
    long[] queueValues = queue.stream().mapToLong(Long::longValue).toArray();
    long[] durations = all.durations();
    List<GroupStats> repositories = new ArrayList<>();
    byRepository.forEach((repo, stats) -> repositories.add(stats.group(repo, null)));
    List<GroupStats> workflows = new ArrayList<>();
    byWorkflow.forEach((key, stats) -> workflows.add(stats.group(key.get(0), key.get(1))));
    return new BuildSummary(query.from(), query.to(), all.counts(),
        NearestRank.ratio(all.success, all.success + all.failed),
        new DurationStats(durations.length, NearestRank.mean(durations), NearestRank.ofSorted(durations, 50),
            NearestRank.ofSorted(durations, 95)),
        new QueueStats(queueValues.length, NearestRank.of(queueValues, 50), NearestRank.ofSorted(queueValues, 95)),
        Mttr.meanMs(matching, query),
        flaky,
        NearestRank.ratio(firstAttemptSuccess, all.success + all.failed),
        NearestRank.ratio(reruns, window.size()),
        repositories, workflows, DailySeries.of(window, query),
        Dora.compute(deployments, history, query));
  }

  /** Flaky: an earlier attempt concluded in the failure class and a later attempt concluded success. */
  public static boolean isFlaky(Build build, OutcomePolicy policy) {
    boolean failedBefore = false;
    for (Attempt attempt : build.attempts()) {
      if (attempt.isCompleted() && failedBefore && policy.isSuccess(attempt.conclusion())) {
        return true;
      }
      failedBefore |= attempt.isCompleted() && policy.isFailure(attempt.conclusion());
    }
    return false;
  }

  public static boolean matchesFilters(Build build, MetricsQuery query) {
    return (query.repository() == null || query.repository().equals(build.id().repository()))
        && (query.workflow() == null || query.workflow().equals(build.workflow().name()))
        && (query.branch() == null || query.branch().equals(build.branch()));
  }

  public static boolean inWindow(Build build, MetricsQuery query) {
    return build.isCompleted() && build.completedAt() != null && query.contains(build.completedAt());
  }

  private static int compareKeys(List<String> a, List<String> b) {
    int c = a.get(0).compareTo(b.get(0));
    return c != 0 ? c : a.get(1).compareTo(b.get(1));
  }

  /** Counts and durations of a set of builds. */
  static final class BuildStats {
    private final OutcomePolicy policy;
    long total;
    long success;
    long failed;
    long successConclusion;
    long failureConclusion;
    long cancelled;
    long skipped;
    private final List<Long> durations = new ArrayList<>();

    BuildStats(OutcomePolicy policy) {
      this.policy = policy;
    }

    void add(Build build) {
      total++;
      Conclusion c = build.conclusion();
      if (c == Conclusion.SUCCESS) {
        successConclusion++;
      } else if (c == Conclusion.FAILURE) {
        failureConclusion++;
      } else if (c == Conclusion.CANCELLED) {
        cancelled++;
      } else if (c == Conclusion.SKIPPED) {
        skipped++;
      }
      if (policy.isSuccess(c)) {
        success++;
      } else if (policy.isFailure(c)) {
        failed++;
      }
      if (policy.isRateRelevant(c) && build.durationMs() != null) {
        durations.add(Objects.requireNonNull(build.durationMs()));
      }
    }

    long[] durations() {
      long[] values = durations.stream().mapToLong(Long::longValue).toArray();
      java.util.Arrays.sort(values);
      return values;
    }

    ConclusionCounts counts() {
      return new ConclusionCounts(total, successConclusion, failureConclusion, cancelled, skipped,
          total - successConclusion - failureConclusion - cancelled - skipped);
    }

    GroupStats group(String repository, @Nullable String workflow) {
      long[] sorted = durations();
      return new GroupStats(repository, workflow, total, success, failed,
          NearestRank.ratio(success, success + failed), NearestRank.ofSorted(sorted, 50),
          NearestRank.ofSorted(sorted, 95));
    }
  }
}

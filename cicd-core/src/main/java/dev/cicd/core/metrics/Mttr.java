package dev.cicd.core.metrics;

import dev.cicd.core.build.Build;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Mean time to recovery. Per (repository, workflow, branch), builds with a rate-relevant conclusion
 * are ordered by completion time (then run id). A failure episode starts at the first failure-class
 * build after a success (or at the start of the sequence) and ends at the next success; its length is
 * that success's completion minus the first failure's. MTTR is the mean length of the episodes whose
 * ending success lies in the window; episodes may start before it.
 */
public final class Mttr {
  /** Order of builds within a sequence. */
  public static final Comparator<Build> SEQUENCE_ORDER = Comparator
      .comparing((Build b) -> Objects.requireNonNull(b.completedAt()))
      .thenComparingLong(b -> b.id().runId());

  private Mttr() {}

  /** @param history builds already filtered by the query's filters, any completion time */
  public static @Nullable Double meanMs(List<Build> history, MetricsQuery query) {
    Map<List<String>, List<Build>> sequences = new HashMap<>();
    for (Build build : history) {
      if (build.isCompleted() && build.completedAt() != null && query.policy().isRateRelevant(build.conclusion())) {
        sequences.computeIfAbsent(key(build), k -> new ArrayList<>()).add(build);
      }
    }
    long[] lengths = sequences.values().stream()
        .flatMap(seq -> episodes(seq, query).stream())
        .mapToLong(Long::longValue)
        .toArray();
    return NearestRank.mean(lengths);
  }

  private static List<String> key(Build build) {
    return java.util.Arrays.asList(build.id().provider(), build.id().repository(), build.workflow().name(),
        build.branch());
  }

  private static List<Long> episodes(List<Build> sequence, MetricsQuery query) {
    sequence.sort(SEQUENCE_ORDER);
    List<Long> lengths = new ArrayList<>();
    Instant firstFailure = null;
    for (Build build : sequence) {
      Instant completed = Objects.requireNonNull(build.completedAt());
      if (query.policy().isFailure(build.conclusion())) {
        if (firstFailure == null) {
          firstFailure = completed;
        }
      } else {
        if (firstFailure != null && query.contains(completed)) {
          lengths.add(Duration.between(firstFailure, completed).toMillis());
        }
        firstFailure = null;
      }
    }
    return lengths;
  }
}

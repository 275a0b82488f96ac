package dev.cicd.examples.standalone.history;

import dev.cicd.examples.standalone.history.RunHistory.Attempt;
import dev.cicd.examples.standalone.history.RunHistory.Run;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The summary of a window computed straight from DESIGN.md's metric definitions over a {@link RunHistory}, written
 * apart from the product's own reference so that a shared misreading cannot pass: builds are runs whose latest
 * attempt completed in {@code [from, to)}; rates over success and the failure class; nearest-rank percentiles;
 * queue times of every started job of every attempt; MTTR over the whole history.
 */
final class ReferenceSummary {
  private static final Set<String> FAILURE_CLASS = Set.of("failure", "timed_out", "startup_failure");

  final long total;
  final Map<String, Long> byConclusion;
  final @Nullable Double successRate;
  final List<Long> durations;
  final List<Long> queues;
  final long flaky;
  final @Nullable Double rerunRate;
  final @Nullable Double firstAttemptSuccessRate;
  final @Nullable Double mttrMs;
  /** Per UTC day of completion: total, success, failure class, p50 and p95 duration. */
  final Map<String, List<Object>> daily;
  /** Per repository: the same. */
  final Map<String, List<Object>> byRepository;

  /** The summary of the runs {@code filter} accepts (by repository, workflow or branch). */
  ReferenceSummary(RunHistory history, Instant from, Instant to, Predicate<Run> filter) {
    List<Run> runs = history.runs().stream().filter(filter).toList();
    List<Run> window = runs.stream().filter(r -> completed(r) && inWindow(r.latest(), from, to)).toList();
    total = window.size();
    byConclusion = window.stream().collect(Collectors.groupingBy(r -> bucket(r.latest().conclusion()),
        Collectors.counting()));
    List<Run> relevant = window.stream().filter(r -> relevant(r.latest().conclusion())).toList();
    long success = relevant.stream().filter(r -> r.latest().conclusion().equals("success")).count();
    successRate = relevant.isEmpty() ? null : (double) success / relevant.size();
    durations = sorted(relevant.stream().map(r -> millis(r.latest().startedAt(), r.latest().completedAt())).toList());
    queues = sorted(window.stream().flatMap(r -> r.attempts().stream()).flatMap(a -> a.jobs().stream())
        .filter(j -> j.startedAt() != null).map(j -> millis(j.createdAt(), j.startedAt())).toList());
    flaky = window.stream().filter(ReferenceSummary::flaky).count();
    rerunRate = window.isEmpty() ? null : (double) window.stream().filter(r -> r.attempts().size() > 1).count()
        / window.size();
    firstAttemptSuccessRate = relevant.isEmpty() ? null : (double) relevant.stream()
        .filter(r -> "success".equals(r.attempts().get(0).conclusion())).count() / relevant.size();
    mttrMs = mttr(runs, from, to);
    daily = groups(window, r -> LocalDate.ofInstant(r.latest().completedAt(), ZoneOffset.UTC).toString());
    byRepository = groups(window, Run::repository);
  }

  private static Map<String, List<Object>> groups(List<Run> window, Function<Run, String> key) {
    Map<String, List<Object>> groups = new TreeMap<>();
    window.stream().collect(Collectors.groupingBy(key)).forEach((name, runs) -> {
      List<Long> durations = sorted(runs.stream().filter(r -> relevant(r.latest().conclusion()))
          .map(r -> millis(r.latest().startedAt(), r.latest().completedAt())).toList());
      groups.put(name, Arrays.asList((long) runs.size(),
          runs.stream().filter(r -> r.latest().conclusion().equals("success")).count(),
          runs.stream().filter(r -> FAILURE_CLASS.contains(r.latest().conclusion())).count(),
          percentile(durations, 50), percentile(durations, 95)));
    });
    return groups;
  }

  /** Nearest rank: the value at rank ceil(p/100 × n), 1-based. */
  static @Nullable Long percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return null;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(1, rank) - 1);
  }

  static @Nullable Double mean(List<Long> values) {
    return values.isEmpty() ? null : values.stream().mapToLong(Long::longValue).average().orElseThrow();
  }

  private static boolean flaky(Run run) {
    List<Attempt> attempts = run.attempts();
    for (int i = 0; i < attempts.size(); i++) {
      for (int j = i + 1; j < attempts.size(); j++) {
        if (FAILURE_CLASS.contains(attempts.get(i).conclusion()) && "success".equals(attempts.get(j).conclusion())) {
          return true;
        }
      }
    }
    return false;
  }

  /** Mean length of the failure episodes whose ending success lies in the window, per repository, workflow, branch. */
  private static @Nullable Double mttr(List<Run> runs, Instant from, Instant to) {
    Map<String, List<Run>> sequences = runs.stream()
        .filter(r -> completed(r) && relevant(r.latest().conclusion()))
        .collect(Collectors.groupingBy(r -> r.repository() + "\u0000" + r.workflow() + "\u0000" + r.branch()));
    List<Long> episodes = new ArrayList<>();
    for (List<Run> sequence : sequences.values()) {
      List<Run> ordered = sequence.stream().sorted(Comparator.comparing(r -> r.latest().completedAt())).toList();
      Instant firstFailure = null;
      for (Run run : ordered) {
        Instant at = run.latest().completedAt();
        if (!run.latest().conclusion().equals("success")) {
          firstFailure = firstFailure == null ? at : firstFailure;
        } else if (firstFailure != null) {
          if (!at.isBefore(from) && at.isBefore(to)) {
            episodes.add(millis(firstFailure, at));
          }
          firstFailure = null;
        }
      }
    }
    return mean(episodes);
  }

  private static boolean completed(Run run) {
    return run.latest().completed();
  }

  private static boolean inWindow(Attempt attempt, Instant from, Instant to) {
    return !attempt.completedAt().isBefore(from) && attempt.completedAt().isBefore(to);
  }

  private static boolean relevant(String conclusion) {
    return conclusion.equals("success") || FAILURE_CLASS.contains(conclusion);
  }

  private static String bucket(String conclusion) {
    return Set.of("success", "failure", "cancelled", "skipped").contains(conclusion) ? conclusion : "other";
  }

  private static long millis(Instant start, Instant end) {
    return Duration.between(start, end).toMillis();
  }

  private static List<Long> sorted(List<Long> values) {
    return values.stream().sorted().toList();
  }
}

package dev.cicd.examples.standalone.history;

import dev.cicd.examples.standalone.history.RunHistory.Deployment;
import dev.cicd.examples.standalone.history.RunHistory.Run;
import dev.cicd.examples.standalone.history.RunHistory.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The DORA figures of a window computed from the README's definitions over a {@link RunHistory}, apart from the
 * product's code: a deployment ended in its latest success, failure or error status; the frequency is the
 * successful deployments per day of the window, the lead time the nearest-rank p50 from the commit (its earliest
 * head-commit time among the runs) to the successful deployment, the change failure rate the share of deployments
 * that ended in failure or error, and the time to restore the mean time from the first failed deployment of an
 * environment to its next success (ending in the window). Only the repository filter applies. Runs of a deploy
 * workflow count as deployments of their commits.
 */
final class ReferenceDora {
  private static final Set<String> FAILED = Set.of("failure", "error");
  private static final Set<String> FAILURE_CLASS = Set.of("failure", "timed_out", "startup_failure");
  private static final Comparator<Status> ORDER =
      Comparator.comparing(Status::createdAt).thenComparingLong(Status::id);

  /** A deployment and the status it ended in. */
  private record Outcome(Deployment deployment, Status status) {
    boolean failed() {
      return FAILED.contains(status.state());
    }
  }

  final long deployments;
  final long failed;
  final @Nullable Double perDay;
  final @Nullable Double changeFailureRate;
  final @Nullable Long leadTimeP50Ms;
  final @Nullable Double timeToRestoreMs;

  /**
   * @param deployWorkflow a workflow whose runs are deployments too (README: each completed attempt with a success
   *     or failure-class conclusion is a status of deployment "run" in environment "workflow name"), or null
   */
  ReferenceDora(RunHistory history, Instant from, Instant to, @Nullable String repository,
      @Nullable String deployWorkflow) {
    List<Outcome> outcomes = new ArrayList<>();
    List<Deployment> all = new ArrayList<>(history.deployments());
    history.runs().stream().filter(run -> run.workflow().equals(deployWorkflow))
        .forEach(run -> all.add(deploymentOf(run)));
    for (Deployment deployment : all) {
      if (repository == null || repository.equals(deployment.repository())) {
        deployment.statuses().stream().filter(s -> s.state().equals("success") || FAILED.contains(s.state()))
            .max(ORDER).ifPresent(status -> outcomes.add(new Outcome(deployment, status)));
      }
    }
    List<Outcome> window = outcomes.stream().filter(o -> in(o.status().createdAt(), from, to)).toList();
    failed = window.stream().filter(Outcome::failed).count();
    deployments = window.size() - failed;
    perDay = window.isEmpty() ? null : deployments / (Duration.between(from, to).toMillis() / 86_400_000.0);
    changeFailureRate = window.isEmpty() ? null : (double) failed / window.size();
    Map<String, Instant> commits = history.runs().stream().collect(Collectors.toMap(
        run -> run.repository() + " " + run.sha(), Run::commitAt, (a, b) -> a.isBefore(b) ? a : b));
    List<Long> leadTimes = window.stream().filter(o -> !o.failed())
        .filter(o -> commits.containsKey(o.deployment().repository() + " " + o.deployment().sha()))
        .map(o -> millis(commits.get(o.deployment().repository() + " " + o.deployment().sha()),
            o.status().createdAt()))
        .sorted().toList();
    leadTimeP50Ms = ReferenceSummary.percentile(leadTimes, 50);
    timeToRestoreMs = ReferenceSummary.mean(restores(outcomes, from, to));
  }

  private static Deployment deploymentOf(Run run) {
    List<Status> statuses = run.attempts().stream()
        .filter(a -> a.completed() && (a.conclusion().equals("success") || FAILURE_CLASS.contains(a.conclusion())))
        .map(a -> new Status(run.id() * 1000 + a.number(), a.conclusion().equals("success") ? "success" : "failure",
            a.completedAt()))
        .toList();
    return new Deployment(run.id(), run.repository(), "workflow " + run.workflow(), run.sha(), statuses);
  }

  private static List<Long> restores(List<Outcome> outcomes, Instant from, Instant to) {
    Map<String, List<Outcome>> byEnvironment = outcomes.stream().collect(Collectors.groupingBy(
        o -> o.deployment().repository() + " " + o.deployment().environment()));
    List<Long> restores = new ArrayList<>();
    for (List<Outcome> sequence : byEnvironment.values()) {
      Instant firstFailure = null;
      for (Outcome outcome : sequence.stream().sorted(Comparator.comparing(Outcome::status, ORDER)).toList()) {
        Instant at = outcome.status().createdAt();
        if (outcome.failed()) {
          firstFailure = firstFailure == null ? at : firstFailure;
        } else {
          if (firstFailure != null && in(at, from, to)) {
            restores.add(millis(firstFailure, at));
          }
          firstFailure = null;
        }
      }
    }
    return restores;
  }

  private static boolean in(Instant at, Instant from, Instant to) {
    return !at.isBefore(from) && at.isBefore(to);
  }

  private static long millis(Instant start, Instant end) {
    return Duration.between(start, end).toMillis();
  }
}

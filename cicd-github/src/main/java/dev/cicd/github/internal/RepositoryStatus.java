package dev.cicd.github.internal;

import dev.cicd.core.source.SourceHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What health reports for one polled repository. Thread-safe: written by the poller, read by anyone. */
public final class RepositoryStatus {
  private static final Duration MAX_FAILURE_BACKOFF = Duration.ofMinutes(30);

  private final String repository;
  private SourceHealth.State state = SourceHealth.State.UP;
  private @Nullable String problem;
  private @Nullable Instant lastSuccess;
  private @Nullable String backfill;
  private boolean backfilling;
  private long lastCycleRequests;
  private int failures;
  private Instant notBefore = Instant.MIN;

  public RepositoryStatus(String repository) {
    this.repository = repository;
  }

  public synchronized boolean due(Instant now) {
    return !now.isBefore(notBefore);
  }

  public synchronized void backfilling(String progress) {
    backfilling = true;
    backfill = progress;
  }

  public synchronized void backfillDone(String progress) {
    backfilling = false;
    backfill = progress;
  }

  /** A cycle ended normally; problems that did not stop it leave the repository DEGRADED. */
  public synchronized void succeeded(Instant now, PollProblems problems, long requests) {
    lastSuccess = now;
    lastCycleRequests = requests;
    failures = 0;
    notBefore = Instant.MIN;
    state = problems.isEmpty() ? SourceHealth.State.UP : SourceHealth.State.DEGRADED;
    problem = problems.isEmpty() ? null : problems.count() + " problem(s) in the last poll: " + problems.summary();
  }

  /** A cycle failed; the repository is retried after a backoff that grows with repeated failures. */
  public synchronized void failed(Instant now, Duration pollInterval, SourceHealth.State newState, String reason,
      long requests) {
    failures++;
    lastCycleRequests = requests;
    state = newState;
    problem = reason;
    Duration wait = pollInterval.multipliedBy(1L << Math.min(failures - 1, 10));
    notBefore = now.plus(wait.compareTo(MAX_FAILURE_BACKOFF) > 0 ? MAX_FAILURE_BACKOFF : wait);
  }

  /** Rate limited: not a failure of this repository; health shows it from the shared state. */
  public synchronized void rateLimited(long requests) {
    lastCycleRequests = requests;
  }

  public synchronized SourceHealth health(Instant now, RateLimitState.Snapshot rate, @Nullable String sourceProblem) {
    Map<String, String> details = new LinkedHashMap<>();
    if (rate.remaining() != null) {
      details.put("rateLimitRemaining", String.valueOf(rate.remaining()));
    }
    if (rate.limit() != null) {
      details.put("rateLimitLimit", String.valueOf(rate.limit()));
    }
    if (rate.reset() != null) {
      details.put("rateLimitReset", rate.reset().toString());
    }
    if (backfill != null) {
      details.put("backfill", (backfilling ? "in progress: " : "done: ") + backfill);
    }
    details.put("lastCycleRequests", String.valueOf(lastCycleRequests));
    String name = "github:" + repository;
    if (sourceProblem != null) {
      return new SourceHealth(name, SourceHealth.State.DOWN, sourceProblem, lastSuccess, details);
    }
    if (state == SourceHealth.State.DOWN) {
      return new SourceHealth(name, state, problem, lastSuccess, details);
    }
    Instant blocked = rate.blockedUntil();
    if (blocked != null && blocked.isAfter(now)) {
      return new SourceHealth(name, SourceHealth.State.DEGRADED, "rate-limited until " + blocked, lastSuccess, details);
    }
    if (backfilling && state == SourceHealth.State.UP) {
      return new SourceHealth(name, SourceHealth.State.DEGRADED, "backfilling: " + backfill, lastSuccess, details);
    }
    return new SourceHealth(name, state, problem, lastSuccess, details);
  }
}

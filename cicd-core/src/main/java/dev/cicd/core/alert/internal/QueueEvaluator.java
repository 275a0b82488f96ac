package dev.cicd.core.alert.internal;

import dev.cicd.core.alert.LongQueueRule;
import dev.cicd.core.build.Build;
import dev.cicd.core.build.Job;
import java.time.Duration;
import java.time.Instant;

/** Long queue: a job of the newest build waits, or waited, longer than the limit for a runner. */
final class QueueEvaluator {
  private QueueEvaluator() {}

  static Verdict evaluate(LongQueueRule rule, SeriesHistory h) {
    Build newest = h.newest().flatMap(b -> h.finder().apply(b.id())).orElse(null);
    if (newest == null) {
      return Verdict.unknown("no builds yet");
    }
    Job worst = null;
    long worstWait = -1;
    for (Job job : newest.jobsOfAttempt(newest.attemptNumber())) {
      long wait = waitMs(job, h.now());
      if (wait > worstWait) {
        worst = job;
        worstWait = wait;
      }
    }
    if (worst == null || worstWait < 0) {
      return Verdict.unknown("no job information for build #" + newest.runNumber());
    }
    String text = "job '" + worst.name() + "' of build #" + newest.runNumber()
        + (worst.startedAt() == null ? " has been waiting " : " waited ")
        + Durations.text(Duration.ofMillis(worstWait)) + " for a runner (limit " + Durations.text(rule.maxWait()) + ")";
    return worstWait > rule.maxWait().toMillis() ? Verdict.firing(text, newest) : Verdict.clear(text, newest);
  }

  /** Queue time of a started job, time waited so far for a queued one, -1 when unknown. */
  private static long waitMs(Job job, Instant now) {
    Long queued = job.queueMs();
    if (queued != null) {
      return queued;
    }
    if (job.createdAt() == null || job.completedAt() != null) {
      return -1;
    }
    return Math.max(0, Duration.between(job.createdAt(), now).toMillis());
  }
}

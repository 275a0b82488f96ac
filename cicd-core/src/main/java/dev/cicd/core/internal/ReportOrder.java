package dev.cicd.core.internal;

import dev.cicd.core.build.Attempt;
import dev.cicd.core.build.Build;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.build.Job;
import java.time.Instant;
import java.util.Comparator;
import org.jspecify.annotations.Nullable;

/**
 * Total orders on reports of the same attempt or job: a later lifecycle status wins, then the later
 * provider timestamp, then fixed tie-breakers, so the winner never depends on arrival order.
 */
final class ReportOrder {
  private static final Comparator<@Nullable Instant> TIME = Comparator.nullsFirst(Comparator.naturalOrder());
  private static final Comparator<@Nullable Conclusion> CONCLUSION =
      Comparator.nullsFirst(Comparator.naturalOrder());

  static final Comparator<Attempt> ATTEMPTS = Comparator.<Attempt>comparingInt(a -> a.status().rank())
      .thenComparing(Attempt::updatedAt, TIME)
      .thenComparing(Attempt::status)
      .thenComparing(Attempt::conclusion, CONCLUSION)
      .thenComparing(Attempt::completedAt, TIME)
      .thenComparing(Attempt::startedAt, TIME)
      .thenComparing(Attempt::toString);

  static final Comparator<Job> JOBS = Comparator.<Job>comparingInt(j -> j.status().rank())
      .thenComparing(ReportOrder::latestTime, TIME)
      .thenComparing(Job::status)
      .thenComparing(Job::conclusion, CONCLUSION)
      .thenComparingInt(j -> j.steps().size())
      .thenComparing(Job::toString);

  private ReportOrder() {}

  private static @Nullable Instant latestTime(Job job) {
    Instant latest = job.createdAt();
    for (Instant t : new Instant[] {job.startedAt(), job.completedAt()}) {
      if (t != null && (latest == null || t.isAfter(latest))) {
        latest = t;
      }
    }
    return latest;
  }

  /** Deterministic tie-breaker over build-level fields, for reports equal in every ordered field. */
  static String fingerprint(Build build) {
    return String.join("\u0001", String.valueOf(build.workflow()), String.valueOf(build.runNumber()),
        String.valueOf(build.branch()), String.valueOf(build.commitSha()), String.valueOf(build.event()),
        String.valueOf(build.actor()), String.valueOf(build.title()), String.valueOf(build.url()),
        String.valueOf(build.createdAt()), String.valueOf(build.headCommitAt()),
        String.valueOf(build.pullRequests()));
  }
}

package dev.cicd.core.build;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A build: one workflow run with its attempts and jobs. Its state is the state of its latest attempt.
 * Instances are immutable and are produced by the ingestion merge; stores persist and return them.
 *
 * @param version store version, 0 for a build never saved; bumped by every save
 * @param createdAt when the run was created; used to order listings
 * @param headCommitAt the head commit's timestamp when the provider reported it (DORA lead time)
 * @param attempts every known attempt, ordered by number
 * @param jobs every known job of every attempt, ordered by attempt then id; may be empty in listings
 */
public record Build(
    BuildId id,
    long version,
    Workflow workflow,
    long runNumber,
    @Nullable String branch,
    @Nullable String commitSha,
    @Nullable String event,
    @Nullable String actor,
    @Nullable String title,
    @Nullable String url,
    Instant createdAt,
    @Nullable Instant headCommitAt,
    List<Integer> pullRequests,
    List<Attempt> attempts,
    List<Job> jobs) {

  private static final Comparator<Job> JOB_ORDER =
      Comparator.comparingInt(Job::attempt).thenComparingLong(Job::id);

  public Build {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(createdAt, "createdAt");
    branch = ProviderText.name(branch);
    commitSha = ProviderText.name(commitSha);
    event = ProviderText.name(event);
    actor = ProviderText.name(actor);
    title = ProviderText.text(title);
    url = ProviderText.text(url);
    pullRequests = List.copyOf(pullRequests);
    attempts = attempts.stream().sorted(Comparator.comparingInt(Attempt::number)).toList();
    jobs = jobs.stream().sorted(JOB_ORDER).toList();
    if (attempts.isEmpty()) {
      throw new IllegalArgumentException("a build needs at least one attempt: " + id);
    }
  }

  /** The latest (highest-numbered) attempt: the build's current state. */
  public Attempt latestAttempt() {
    return attempts.get(attempts.size() - 1);
  }

  public Optional<Attempt> attempt(int number) {
    return attempts.stream().filter(a -> a.number() == number).findFirst();
  }

  public int attemptNumber() {
    return latestAttempt().number();
  }

  public BuildStatus status() {
    return latestAttempt().status();
  }

  public @Nullable Conclusion conclusion() {
    return latestAttempt().conclusion();
  }

  public @Nullable Instant startedAt() {
    return latestAttempt().startedAt();
  }

  public @Nullable Instant completedAt() {
    return latestAttempt().completedAt();
  }

  public @Nullable Instant updatedAt() {
    return latestAttempt().updatedAt();
  }

  public boolean isCompleted() {
    return latestAttempt().isCompleted();
  }

  /** True while the build is known only from job reports and no run report has arrived yet. */
  public boolean isPlaceholder() {
    return latestAttempt().placeholder();
  }

  /** {@code completedAt − startedAt} of the latest attempt, never negative; null unless both are known. */
  public @Nullable Long durationMs() {
    Instant started = startedAt();
    Instant completed = completedAt();
    if (started == null || completed == null) {
      return null;
    }
    return Math.max(0L, Duration.between(started, completed).toMillis());
  }

  public List<Job> jobsOfAttempt(int number) {
    return jobs.stream().filter(j -> j.attempt() == number).toList();
  }

  public Build withVersion(long newVersion) {
    return new Build(id, newVersion, workflow, runNumber, branch, commitSha, event, actor, title, url,
        createdAt, headCommitAt, pullRequests, attempts, jobs);
  }

  /** The same build with a different job list (stores use it to return listings without jobs). */
  public Build withJobs(List<Job> newJobs) {
    return new Build(id, version, workflow, runNumber, branch, commitSha, event, actor, title, url,
        createdAt, headCommitAt, pullRequests, attempts, newJobs);
  }

  /** Equality of everything but the store version: what the merge compares to detect a change. */
  public boolean sameStateAs(Build other) {
    return withVersion(0).equals(other.withVersion(0));
  }
}

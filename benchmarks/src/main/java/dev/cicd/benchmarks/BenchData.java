package dev.cicd.benchmarks;

import dev.cicd.core.build.Attempt;
import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.build.DeploymentState;
import dev.cicd.core.build.DeploymentStatus;
import dev.cicd.core.build.Job;
import dev.cicd.core.build.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The benchmark's history, build by build from a seed: 200 repositories x 5 workflows, 85 % success,
 * lognormal durations around 5 minutes, spread over 365 days, a share of re-runs, jobs for 20 % of the
 * builds, a few builds still running at the end, and deployment statuses. Branches: 70 % main, 15 %
 * develop, 15 % short-lived feature branches (20 new names a week, each used for about a week).
 */
final class BenchData {
  static final Instant END = Instant.parse("2026-06-01T00:00:00Z");
  static final Duration SPAN = Duration.ofDays(365);
  static final int REPOSITORIES = 200;
  static final String[] WORKFLOWS = {"CI", "Lint", "Integration tests", "Release", "Nightly"};
  private static final long SEED = 20260601L;

  final int builds;

  BenchData(int builds) {
    this.builds = builds;
  }

  static String repository(int r) {
    return "org" + (r / 20) + "/repo-" + r;
  }

  /** Build number {@code i} (0-based), the same every run. */
  Build build(int i) {
    SplittableRandom random = new SplittableRandom(SEED ^ (i * 0x9E3779B97F4A7C15L));
    String repo = repository(i % REPOSITORIES);
    String workflow = WORKFLOWS[(i / REPOSITORIES) % WORKFLOWS.length];
    Instant created = END.minus(SPAN).plusMillis((long) ((double) SPAN.toMillis() * i / builds))
        .plusMillis(random.nextLong(60_000));
    double b = random.nextDouble();
    long week = Duration.between(END.minus(SPAN), created).toDays() / 7;
    String branch = b < 0.70 ? "main" : b < 0.85 ? "develop" : "feature/" + (week * 20 + random.nextInt(20));
    Conclusion conclusion = conclusion(random.nextDouble());
    boolean running = created.isAfter(END.minus(Duration.ofMinutes(20)));
    Instant started = created.plusMillis(lognormal(random, 20_000, 0.8));
    Instant completed = started.plusMillis(lognormal(random, 300_000, 0.6));
    List<Attempt> attempts = new ArrayList<>();
    int attemptNumber = 1;
    if (!running && random.nextDouble() < 0.03) {
      Instant firstDone = started.plusMillis(lognormal(random, 200_000, 0.6));
      attempts.add(new Attempt(1, BuildStatus.COMPLETED, Conclusion.FAILURE, started, firstDone, firstDone,
          "octocat", false));
      started = firstDone.plusSeconds(30);
      completed = started.plusMillis(lognormal(random, 300_000, 0.6));
      attemptNumber = 2;
    }
    attempts.add(running
        ? new Attempt(attemptNumber, BuildStatus.IN_PROGRESS, null, started, started, null, "octocat", false)
        : new Attempt(attemptNumber, BuildStatus.COMPLETED, conclusion, started, completed, completed, "octocat",
            false));
    List<Job> jobs = new ArrayList<>();
    if (random.nextDouble() < 0.20) {
      for (int j = 0; j < 2; j++) {
        Instant jobCreated = started.plusMillis(random.nextLong(2_000));
        Instant jobStarted = jobCreated.plusMillis(lognormal(random, 15_000, 1.0));
        jobs.add(new Job(j + 1L, attemptNumber, j == 0 ? "build" : "test", running ? BuildStatus.IN_PROGRESS
            : BuildStatus.COMPLETED, running ? null : conclusion, jobCreated, jobStarted,
            running ? null : completed, "runner-" + random.nextInt(20), "default", List.of("ubuntu-latest"),
            List.of(), null));
      }
    }
    String sha = Long.toHexString(random.nextLong() & Long.MAX_VALUE);
    return new Build(BuildId.github(repo, 10_000_000L + i), 0, new Workflow((long) (i / REPOSITORIES) % 5, workflow,
        ".github/workflows/" + workflow.toLowerCase().replace(' ', '-') + ".yml"), i / REPOSITORIES, branch, sha,
        random.nextDouble() < 0.7 ? "push" : "pull_request", "octocat", "Commit " + i,
        "https://github.com/" + repo + "/actions/runs/" + (10_000_000L + i), created,
        created.minusSeconds(random.nextInt(3_600)), List.of(), attempts, jobs);
  }

  /** Two statuses (in progress, then the outcome) for each of {@code count} deployments of built commits. */
  List<DeploymentStatus> deployments(int count) {
    SplittableRandom random = new SplittableRandom(SEED);
    List<DeploymentStatus> statuses = new ArrayList<>();
    for (int d = 0; d < count; d++) {
      Build build = build(random.nextInt(builds));
      Instant at = build.createdAt().plusSeconds(900);
      String env = random.nextInt(4) == 0 ? "staging" : "production";
      statuses.add(new DeploymentStatus("github", build.id().repository(), 70_000_000L + d, 2L * d, env,
          DeploymentState.IN_PROGRESS, build.commitSha(), "main", at, "deployer", null));
      DeploymentState end = random.nextInt(8) == 0 ? DeploymentState.FAILURE : DeploymentState.SUCCESS;
      statuses.add(new DeploymentStatus("github", build.id().repository(), 70_000_000L + d, 2L * d + 1, env, end,
          build.commitSha(), "main", at.plusSeconds(120 + random.nextInt(600)), "deployer", null));
    }
    return statuses;
  }

  private static Conclusion conclusion(double p) {
    if (p < 0.85) {
      return Conclusion.SUCCESS;
    }
    if (p < 0.93) {
      return Conclusion.FAILURE;
    }
    if (p < 0.97) {
      return Conclusion.CANCELLED;
    }
    if (p < 0.98) {
      return Conclusion.SKIPPED;
    }
    if (p < 0.99) {
      return Conclusion.TIMED_OUT;
    }
    return p < 0.995 ? Conclusion.STARTUP_FAILURE : Conclusion.NEUTRAL;
  }

  private static long lognormal(SplittableRandom random, double median, double sigma) {
    double u1 = Math.max(random.nextDouble(), 1e-12);
    double gaussian = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * random.nextDouble());
    return (long) (median * Math.exp(sigma * gaussian));
  }
}

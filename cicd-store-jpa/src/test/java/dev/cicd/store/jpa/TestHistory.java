package dev.cicd.store.jpa;

import dev.cicd.core.build.Attempt;
import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.build.DeploymentState;
import dev.cicd.core.build.DeploymentStatus;
import dev.cicd.core.build.Job;
import dev.cicd.core.build.Step;
import dev.cicd.core.build.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded random history for store tests: several repositories, workflows and branches (null
 * included), every conclusion, re-runs, placeholder attempts, jobs with queue times, builds completed at
 * the same instant, instants with nanoseconds, and deployment statuses of built commits.
 */
final class TestHistory {
  static final Instant START = Instant.parse("2024-03-01T00:00:00Z");
  private static final String[] REPOS = {"octo/api", "octo/web", "acme/tool", "acme/\uD83D\uDE00", "acme/\uFFFD"};
  private static final String[] WORKFLOWS = {"CI", "Release", "Nightly"};
  private static final String[] BRANCHES = {"main", "dev", "feature/x", ""};
  private static final Conclusion[] CONCLUSIONS = Conclusion.values();

  final List<Build> builds = new ArrayList<>();
  final List<DeploymentStatus> deployments = new ArrayList<>();
  private final Random random;

  TestHistory(long seed, int count) {
    random = new Random(seed);
    for (int i = 0; i < count; i++) {
      builds.add(build(i));
    }
    for (int i = 0; i < count / 4; i++) {
      deployments.add(deployment(i));
    }
  }

  private Build build(int i) {
    String repo = REPOS[random.nextInt(REPOS.length)];
    BuildId id = new BuildId(random.nextInt(10) == 0 ? "gitlab" : "github", repo, 1_000 + random.nextInt(count()));
    Instant created = START.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 40)))
        .plusNanos(random.nextInt(3) == 0 ? random.nextInt(1_000_000_000) : 0);
    int attempts = random.nextInt(10) < 8 ? 1 : 2 + random.nextInt(3);
    List<Attempt> list = new ArrayList<>();
    List<Job> jobs = new ArrayList<>();
    Instant t = created;
    for (int n = 1; n <= attempts; n++) {
      if (n == 1 && attempts > 1 && random.nextInt(6) == 0) {
        continue;
      }
      Instant started = t.plusSeconds(random.nextInt(120));
      boolean completed = n < attempts || random.nextInt(12) != 0;
      Instant done = started.plusMillis(30_000 + (long) (Math.exp(random.nextGaussian()) * 200_000));
      if (random.nextInt(15) == 0) {
        done = Instant.ofEpochSecond(done.getEpochSecond() / 3600 * 3600);
      }
      Conclusion conclusion = random.nextInt(10) < 6 ? Conclusion.SUCCESS : CONCLUSIONS[random.nextInt(CONCLUSIONS.length)];
      if (completed && random.nextInt(40) == 0) {
        conclusion = null;
      }
      list.add(new Attempt(n, completed ? BuildStatus.COMPLETED : BuildStatus.IN_PROGRESS,
          completed ? conclusion : null, random.nextInt(30) == 0 ? null : started, done,
          completed ? done : null, "actor" + n, random.nextInt(25) == 0));
      if (random.nextInt(3) > 0) {
        for (int j = 0; j < 1 + random.nextInt(3); j++) {
          jobs.add(job(n, j, t, started));
        }
      }
      t = done.plusSeconds(60);
    }
    return new Build(id, 0, new Workflow((long) random.nextInt(3), WORKFLOWS[random.nextInt(WORKFLOWS.length)],
        ".github/workflows/ci.yml"), i, random.nextInt(12) == 0 ? null : BRANCHES[random.nextInt(BRANCHES.length)],
        "sha" + random.nextInt(30), random.nextBoolean() ? "push" : "pull_request", "actor", "title " + i,
        "https://example.test/" + i, created, random.nextInt(4) == 0 ? null : created.minusSeconds(random.nextInt(5000)),
        List.of(i, i + 1), list, jobs);
  }

  private Job job(int attempt, int j, Instant created, Instant started) {
    Instant jobCreated = random.nextInt(20) == 0 ? null : created.plusMillis(random.nextInt(5000));
    Instant jobStarted = random.nextInt(8) == 0 ? null : started.plusMillis(random.nextInt(90_000));
    List<Step> steps = new ArrayList<>();
    for (int s = 0; s < random.nextInt(4); s++) {
      steps.add(new Step(s + 1, "step " + s, BuildStatus.COMPLETED, Conclusion.SUCCESS, jobStarted, jobStarted));
    }
    return new Job(10_000L * attempt + j, attempt, "job " + j, BuildStatus.COMPLETED, Conclusion.SUCCESS,
        jobCreated, jobStarted, jobStarted == null ? null : jobStarted.plusSeconds(30), "runner", "group",
        List.of("ubuntu", "x64:" + j), steps, null);
  }

  private DeploymentStatus deployment(int i) {
    Build build = builds.get(random.nextInt(builds.size()));
    DeploymentState[] states = {DeploymentState.SUCCESS, DeploymentState.SUCCESS, DeploymentState.FAILURE,
        DeploymentState.ERROR, DeploymentState.IN_PROGRESS};
    return new DeploymentStatus("github", build.id().repository(), random.nextInt(20), i,
        random.nextBoolean() ? "production" : "staging", states[random.nextInt(states.length)], build.commitSha(),
        "main", START.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 40))), "bot", null);
  }

  private int count() {
    return 400;
  }
}

package dev.cicd.examples.standalone.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * What happened, as GitHub would report it: workflow runs of a few repositories, workflows and branches, each
 * with one to three attempts (re-runs) and their jobs. The truth a webhook history is generated from and the
 * reference figures are computed from; seeded, so a failure can be replayed.
 */
final class RunHistory {
  static final List<String> REPOSITORIES = List.of("octo-org/api", "octo-org/web", "octo-org/docs");
  static final List<String> WORKFLOWS = List.of("CI", "Deploy <prod> & \"notify\"");
  /** The workflow whose runs are deployments ({@code CICD_DEPLOY_WORKFLOWS}). */
  static final String DEPLOY_WORKFLOW = WORKFLOWS.get(1);
  static final List<String> BRANCHES = List.of("main", "feat/<script>x</script>");
  /** Conclusions of completed attempts, each as often as it appears here. */
  private static final List<String> CONCLUSIONS = List.of("success", "success", "success", "success", "success",
      "success", "success", "success", "failure", "failure", "failure", "timed_out", "startup_failure",
      "cancelled", "skipped", "neutral", "action_required", "stale");

  record Job(long id, String name, Instant createdAt, @Nullable Instant startedAt, @Nullable Instant completedAt,
      @Nullable String conclusion) {}

  /** One attempt; {@code conclusion} null while it runs ({@code completedAt} null too). */
  record Attempt(int number, Instant startedAt, @Nullable Instant completedAt, @Nullable String conclusion,
      List<Job> jobs) {
    boolean completed() {
      return conclusion != null;
    }
  }

  /** A run of one commit ({@code sha}, committed at {@code commitAt}). */
  record Run(long id, String repository, String workflow, String branch, String sha, Instant commitAt,
      Instant createdAt, List<Attempt> attempts) {
    Attempt latest() {
      return attempts.get(attempts.size() - 1);
    }

    long workflowId() {
      return 1000 + WORKFLOWS.indexOf(workflow);
    }
  }

  /** One {@code deployment_status}; {@code state} as GitHub spells it (queued, in_progress, success, ...). */
  record Status(long id, String state, Instant createdAt) {}

  /** A deployment of a commit to an environment, with its statuses in the order GitHub created them. */
  record Deployment(long id, String repository, String environment, String sha, List<Status> statuses) {}

  static final List<String> ENVIRONMENTS = List.of("production", "staging <eu> & \"test\"");

  private final List<Run> runs = new ArrayList<>();
  private final List<Deployment> deployments = new ArrayList<>();

  /**
   * {@code count} runs created between {@code start} and {@code start + span}, a few still running, and about
   * a third as many deployments, mostly of the commits of successful runs.
   */
  RunHistory(long seed, int count, Instant start, Duration span) {
    Random random = new Random(seed);
    Random commits = new Random(seed + 1);
    long jobIds = 50_000_000L;
    for (int i = 0; i < count; i++) {
      Instant created = start.plusSeconds(random.nextLong(span.toSeconds()));
      int attempts = random.nextInt(10) < 7 ? 1 : 2 + random.nextInt(2);
      List<Attempt> list = new ArrayList<>();
      Instant next = created.plusSeconds(random.nextInt(30));
      for (int a = 1; a <= attempts; a++) {
        boolean running = a == attempts && random.nextInt(25) == 0;
        String conclusion = running ? null : CONCLUSIONS.get(random.nextInt(CONCLUSIONS.size()));
        Instant end = running ? null : next.plusSeconds(400 + random.nextInt(1800));
        List<Job> jobs = new ArrayList<>();
        int jobCount = random.nextInt(3);
        for (int j = 0; j < jobCount; j++) {
          Instant queued = next.plusSeconds(random.nextInt(20));
          boolean started = end != null || random.nextBoolean();
          Instant begun = started ? queued.plusSeconds(random.nextInt(300)) : null;
          boolean done = end != null;
          jobs.add(new Job(jobIds++, "job-" + j, queued, begun, done ? end.minusSeconds(random.nextInt(5)) : null,
              done ? (conclusion.equals("success") ? "success" : "failure") : null));
        }
        list.add(new Attempt(a, next, end, conclusion, List.copyOf(jobs)));
        next = (end != null ? end : next).plusSeconds(60 + random.nextInt(3600));
      }
      runs.add(new Run(7_000_000_000L + i, REPOSITORIES.get(random.nextInt(REPOSITORIES.size())),
          WORKFLOWS.get(random.nextInt(WORKFLOWS.size())), BRANCHES.get(random.nextInt(BRANCHES.size())),
          sha(commits), created.minusSeconds(commits.nextInt(3 * 3600)), created, List.copyOf(list)));
    }
    deploy(commits, count / 3);
  }

  /**
   * Deployments after successful runs (a few of commits no run built): queued and in progress, then success,
   * failure or error; some deployed again later (a second outcome that replaces the first), some made inactive by
   * a later deployment.
   */
  private void deploy(Random random, int count) {
    List<Run> built = runs.stream().filter(r -> "success".equals(r.latest().conclusion())).toList();
    long statusIds = 900_000L;
    for (int i = 0; i < count; i++) {
      Run run = built.get(random.nextInt(built.size()));
      boolean unknownCommit = random.nextInt(12) == 0;
      List<Status> statuses = new ArrayList<>();
      Instant at = run.latest().completedAt().plusSeconds(30 + random.nextInt(7200));
      statuses.add(new Status(statusIds++, "queued", at));
      statuses.add(new Status(statusIds++, "in_progress", at = at.plusSeconds(5 + random.nextInt(60))));
      int outcome = random.nextInt(10);
      String state = outcome < 7 ? "success" : outcome < 9 ? "failure" : "error";
      statuses.add(new Status(statusIds++, state, at = at.plusSeconds(30 + random.nextInt(600))));
      if (random.nextInt(8) == 0) {
        statuses.add(new Status(statusIds++, state.equals("success") ? "failure" : "success",
            at = at.plusSeconds(600 + random.nextInt(3600))));
      }
      if (random.nextInt(4) == 0) {
        statuses.add(new Status(statusIds++, "inactive", at.plusSeconds(3600 + random.nextInt(7200))));
      }
      deployments.add(new Deployment(3_000_000L + i, run.repository(),
          ENVIRONMENTS.get(random.nextInt(ENVIRONMENTS.size())), unknownCommit ? sha(random) : run.sha(),
          List.copyOf(statuses)));
    }
  }

  private static String sha(Random random) {
    return String.format("%016x%016x%08x", random.nextLong(), random.nextLong(), random.nextInt());
  }

  List<Deployment> deployments() {
    return List.copyOf(deployments);
  }

  List<Run> runs() {
    return List.copyOf(runs);
  }
}

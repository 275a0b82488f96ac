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

  record Run(long id, String repository, String workflow, String branch, Instant createdAt, List<Attempt> attempts) {
    Attempt latest() {
      return attempts.get(attempts.size() - 1);
    }

    long workflowId() {
      return 1000 + WORKFLOWS.indexOf(workflow);
    }
  }

  private final List<Run> runs = new ArrayList<>();

  /** {@code count} runs created between {@code start} and {@code start + span}, a few still running. */
  RunHistory(long seed, int count, Instant start, Duration span) {
    Random random = new Random(seed);
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
          WORKFLOWS.get(random.nextInt(WORKFLOWS.size())), BRANCHES.get(random.nextInt(BRANCHES.size())), created,
          List.copyOf(list)));
    }
  }

  List<Run> runs() {
    return List.copyOf(runs);
  }
}

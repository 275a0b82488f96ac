package dev.cicd.core.testing;

import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.build.DeploymentState;
import dev.cicd.core.build.DeploymentStatus;
import dev.cicd.core.build.Job;
import dev.cicd.core.build.Step;
import dev.cicd.core.build.Workflow;
import dev.cicd.core.ingest.DeploymentUpdate;
import dev.cicd.core.ingest.JobUpdate;
import dev.cicd.core.ingest.ProviderEvent;
import dev.cicd.core.ingest.RunUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Seeded random CI history as provider events: several repositories, workflows and branches, re-runs
 * (flaky and not), cancellations, skipped runs, every conclusion, queued jobs, runs still in progress
 * and deployments. Shipped in the cicd-core test-jar for store and adapter tests.
 */
public final class HistoryGenerator {
  /** The instant the generated history ends at; queries in tests are relative to it. */
  public static final Instant END = Instant.parse("2026-06-01T00:00:00Z");

  private static final String[] REPOSITORIES = {"octo-org/api", "octo-org/web", "octo-org/infra", "acme/app", "acme/lib"};
  private static final String[] WORKFLOWS = {"CI", "Deploy", "Nightly"};
  private static final String[] BRANCHES = {"main", "main", "main", "develop", "feature/x"};

  private final Random random;
  private final Duration span;
  private final boolean intermediateEvents;
  private long nextRunId = 1_000_000;
  private long nextJobId = 5_000_000;

  /**
   * @param intermediateEvents also emit requested/in_progress run reports and queued/in_progress job
   *     reports; false emits only each attempt's and job's final report (fewer events)
   */
  public HistoryGenerator(long seed, Duration span, boolean intermediateEvents) {
    this.random = new Random(seed);
    this.span = span;
    this.intermediateEvents = intermediateEvents;
  }

  /** Events of {@code builds} builds, in chronological order per build (builds interleaved by creation). */
  public List<ProviderEvent> builds(int builds) {
    List<ProviderEvent> events = new ArrayList<>();
    for (int i = 0; i < builds; i++) {
      events.addAll(build());
    }
    return events;
  }

  /** Deployment statuses: {@code count} deployments with 1–2 statuses each. */
  public List<ProviderEvent> deployments(int count, long firstStatusId) {
    List<ProviderEvent> events = new ArrayList<>();
    long statusId = firstStatusId;
    for (int i = 0; i < count; i++) {
      String repo = pick(REPOSITORIES);
      Instant at = randomInstant();
      String sha = sha(repo, random.nextInt(400));
      String env = random.nextInt(4) == 0 ? "staging" : "production";
      events.add(new DeploymentUpdate(new DeploymentStatus("github", repo, 9000 + i, statusId++, env,
          DeploymentState.IN_PROGRESS, sha, "main", at, "deployer", null)));
      DeploymentState end = random.nextInt(6) == 0 ? (random.nextBoolean() ? DeploymentState.FAILURE : DeploymentState.ERROR)
          : DeploymentState.SUCCESS;
      events.add(new DeploymentUpdate(new DeploymentStatus("github", repo, 9000 + i, statusId++, env, end, sha,
          "main", at.plusSeconds(30 + random.nextInt(600)), "deployer", null)));
    }
    return events;
  }

  /** Shuffles a copy and repeats a share of the events (duplicated deliveries). */
  public static List<ProviderEvent> shuffledWithDuplicates(List<ProviderEvent> events, long seed, double duplicateShare) {
    Random r = new Random(seed);
    List<ProviderEvent> out = new ArrayList<>(events);
    for (ProviderEvent event : events) {
      if (r.nextDouble() < duplicateShare) {
        out.add(event);
      }
    }
    Collections.shuffle(out, r);
    return out;
  }

  private List<ProviderEvent> build() {
    String repo = pick(REPOSITORIES);
    String workflow = pick(WORKFLOWS);
    String branch = pick(BRANCHES);
    long runId = nextRunId++;
    BuildId id = BuildId.github(repo, runId);
    int sha = random.nextInt(400);
    Instant created = randomInstant();
    int attempts = rollAttempts();
    boolean lastInProgress = random.nextInt(50) == 0;
    List<ProviderEvent> events = new ArrayList<>();
    Instant attemptStart = created;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      boolean last = attempt == attempts;
      Conclusion conclusion = last ? finalConclusion(attempts) : earlierConclusion();
      Instant started = attemptStart.plusSeconds(random.nextInt(120));
      long durationSec = conclusion == Conclusion.SKIPPED ? 0 : (long) Math.exp(5.7 + random.nextGaussian() * 0.6);
      Instant completed = started.plusSeconds(durationSec);
      RunUpdate.Builder run = RunUpdate.builder(id).attempt(attempt)
          .workflow(new Workflow((long) workflow.hashCode() & 0xffff, workflow, ".github/workflows/" + workflow.toLowerCase() + ".yml"))
          .runNumber(runId - 999_000).branch(branch).commitSha(sha(repo, sha)).event("push").actor("dev" + random.nextInt(7))
          .triggeringActor("dev" + random.nextInt(7)).title("Commit " + sha + " on " + branch).createdAt(created)
          .headCommitAt(created.minusSeconds(300 + random.nextInt(3600)))
          .url("https://github.com/" + repo + "/actions/runs/" + runId);
      if (intermediateEvents) {
        events.add(run.status(BuildStatus.QUEUED).startedAt(started).updatedAt(attemptStart).build());
        events.add(run.status(BuildStatus.IN_PROGRESS).startedAt(started).updatedAt(started.plusSeconds(5)).build());
      }
      if (last && lastInProgress) {
        events.add(run.status(BuildStatus.IN_PROGRESS).startedAt(started).updatedAt(started.plusSeconds(9)).build());
      } else {
        events.add(run.status(BuildStatus.COMPLETED).conclusion(conclusion).startedAt(started).updatedAt(completed).build());
      }
      int jobs = conclusion == Conclusion.SKIPPED ? 0 : 1 + random.nextInt(3);
      for (int j = 0; j < jobs; j++) {
        events.addAll(job(id, attempt, workflow, branch, sha(repo, sha), started, completed, conclusion, last && lastInProgress));
      }
      attemptStart = completed.plusSeconds(60 + random.nextInt(3600));
    }
    return events;
  }

  private List<ProviderEvent> job(BuildId id, int attempt, String workflow, String branch, String sha,
      Instant runStart, Instant runEnd, Conclusion runConclusion, boolean running) {
    long jobId = nextJobId++;
    Instant created = runStart.plusSeconds(random.nextInt(5));
    boolean started = runConclusion != Conclusion.CANCELLED || random.nextBoolean();
    Instant jobStart = started ? created.plusSeconds(random.nextInt(10) == 0 ? 300 + random.nextInt(900) : random.nextInt(40)) : null;
    Instant jobEnd = jobStart == null ? runEnd : (jobStart.isAfter(runEnd) ? jobStart : runEnd);
    List<ProviderEvent> events = new ArrayList<>();
    String name = "job-" + (jobId % 3);
    List<String> labels = List.of("ubuntu-latest");
    if (intermediateEvents) {
      events.add(new JobUpdate(id, new Job(jobId, attempt, name, BuildStatus.QUEUED, null, created, null, null, null,
          null, labels, List.of(), null), workflow, branch, sha));
      if (jobStart != null) {
        events.add(new JobUpdate(id, new Job(jobId, attempt, name, BuildStatus.IN_PROGRESS, null, created, jobStart, null,
            "runner-" + random.nextInt(4), "Default", labels, List.of(), null), workflow, branch, sha));
      }
    }
    if (!running) {
      Conclusion c = runConclusion == Conclusion.STARTUP_FAILURE || runConclusion == Conclusion.STALE ? Conclusion.FAILURE : runConclusion;
      List<Step> steps = jobStart == null ? List.of() : List.of(
          new Step(1, "Set up job", BuildStatus.COMPLETED, Conclusion.SUCCESS, jobStart, jobStart.plusSeconds(2)),
          new Step(2, "Run tests", BuildStatus.COMPLETED, c, jobStart.plusSeconds(2), jobEnd));
      events.add(new JobUpdate(id, new Job(jobId, attempt, name, BuildStatus.COMPLETED, c, created, jobStart, jobEnd,
          jobStart == null ? null : "runner-" + (jobId % 4), jobStart == null ? null : "Default", labels, steps,
          "https://github.com/" + id.repository() + "/actions/runs/" + id.runId() + "/job/" + jobId), workflow, branch, sha));
    }
    return events;
  }

  private int rollAttempts() {
    int roll = random.nextInt(100);
    return roll < 85 ? 1 : roll < 97 ? 2 : 3;
  }

  private Conclusion earlierConclusion() {
    int roll = random.nextInt(100);
    return roll < 60 ? Conclusion.FAILURE : roll < 70 ? Conclusion.TIMED_OUT : roll < 85 ? Conclusion.CANCELLED : Conclusion.SUCCESS;
  }

  private Conclusion finalConclusion(int attempts) {
    int roll = random.nextInt(1000);
    if (attempts > 1 && roll < 700) {
      return Conclusion.SUCCESS;
    }
    if (roll < 700) return Conclusion.SUCCESS;
    if (roll < 830) return Conclusion.FAILURE;
    if (roll < 880) return Conclusion.CANCELLED;
    if (roll < 910) return Conclusion.SKIPPED;
    if (roll < 940) return Conclusion.TIMED_OUT;
    if (roll < 955) return Conclusion.STARTUP_FAILURE;
    if (roll < 970) return Conclusion.NEUTRAL;
    if (roll < 985) return Conclusion.ACTION_REQUIRED;
    return Conclusion.STALE;
  }

  private Instant randomInstant() {
    long seconds = span.getSeconds();
    return END.minusSeconds(3600 + (long) (random.nextDouble() * (seconds - 3600)));
  }

  private static String sha(String repo, int n) {
    return String.format("%040x", (long) repo.hashCode() * 1_000L + n).replace('-', 'f');
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }
}

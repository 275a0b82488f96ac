package dev.cicd.examples.standalone.demo;

import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.build.Job;
import dev.cicd.core.build.Workflow;
import dev.cicd.core.ingest.JobUpdate;
import dev.cicd.core.ingest.RunUpdate;
import dev.cicd.examples.standalone.demo.DemoCatalog.JobSpec;
import dev.cicd.examples.standalone.demo.DemoCatalog.Pipeline;
import dev.cicd.examples.standalone.demo.SimulatedRun.TimedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Plans one workflow run as GitHub reports it: the run queued, each job queued, started and completed
 * (with steps), the run in progress and completed; a flaky run gets a second attempt that passes, and a
 * deploying workflow on the default branch reports deployment statuses.
 */
final class RunPlanner {
  private final Random random;
  private final DemoIds ids;
  private final JobPlanner jobs;

  RunPlanner(Random random, DemoIds ids) {
    this.random = random;
    this.ids = ids;
    this.jobs = new JobPlanner(random, ids);
  }

  /** Who, what and where of one run; the same for all its attempts. */
  record RunContext(Pipeline pipeline, BuildId id, long runNumber, String branch, String event, String sha,
      String actor, String title, Instant createdAt, Instant commitAt, List<Integer> pullRequests) {}

  /**
   * @param scale multiplies queue and job times (the live feed runs faster than life)
   * @param slowQueue makes runners scarce for this run (a long queue) and runs it on the default branch
   */
  SimulatedRun plan(Pipeline pipeline, Instant createdAt, double scale, Outcome outcome, boolean slowQueue) {
    RunContext run = context(pipeline, createdAt, slowQueue);
    List<TimedEvent> events = new ArrayList<>();
    Instant end;
    if (outcome == Outcome.FLAKY) {
      Instant failed = attempt(run, 1, createdAt, Outcome.FAILURE, scale, slowQueue, events);
      Instant rerun = failed.plus(scaled(Duration.ofMinutes(2 + random.nextInt(14)), scale));
      end = attempt(run, 2, rerun, Outcome.SUCCESS, scale, false, events);
    } else {
      end = attempt(run, 1, createdAt, outcome, scale, slowQueue, events);
    }
    if (pipeline.deploys() && outcome != Outcome.CANCELLED) {
      events.addAll(new DeploymentPlanner(ids).statuses(run, createdAt.plus(scaled(Duration.ofMinutes(1), scale)),
          end, outcome == Outcome.SUCCESS || outcome == Outcome.FLAKY));
    }
    return new SimulatedRun(pipeline, run.id(), events);
  }

  private RunContext context(Pipeline p, Instant createdAt, boolean onMain) {
    boolean main = random.nextDouble() < 0.45 || p.mainOnly() || onMain;
    String branch = main ? "main" : pick(DemoCatalog.BRANCHES);
    String event = main ? (p.event().equals("schedule") ? "schedule" : "push") : "pull_request";
    String actor = branch.startsWith("renovate/") ? "renovate[bot]"
        : event.equals("schedule") ? "github-actions[bot]" : pick(DemoCatalog.ACTORS.subList(0, 6));
    byte[] sha = new byte[20];
    random.nextBytes(sha);
    List<Integer> prs = event.equals("pull_request") ? List.of(ids.pullRequest()) : List.of();
    Instant commitAt = createdAt.minus(Duration.ofMinutes(2 + random.nextInt(240)));
    return new RunContext(p, BuildId.github(p.repository(), ids.runId()), ids.runNumber(p.workflowId()), branch,
        event, HexFormat.of().formatHex(sha), actor, pick(DemoCatalog.TITLES), createdAt, commitAt, prs);
  }

  /** Plans one attempt from {@code start}; returns when it completed. */
  private Instant attempt(RunContext run, int attempt, Instant start, Outcome outcome, double scale, boolean slowQueue,
      List<TimedEvent> out) {
    out.add(new TimedEvent(start, runUpdate(run, attempt, BuildStatus.QUEUED, null, start, start)));
    List<JobSpec> specs = run.pipeline().jobs();
    int failing = outcome == Outcome.FAILURE || outcome == Outcome.TIMED_OUT ? random.nextInt(specs.size()) : -1;
    Instant cancelAt = outcome == Outcome.CANCELLED
        ? start.plus(scaled(specs.get(0).typical().multipliedBy(3).dividedBy(4), scale)) : null;
    Instant firstStart = null;
    Instant end = start.plusSeconds(2);
    for (int i = 0; i < specs.size(); i++) {
      Outcome jobOutcome = i == failing ? outcome : Outcome.SUCCESS;
      JobPlanner.Planned job = jobs.plan(run, attempt, specs.get(i), start.plusSeconds(1), scale, slowQueue,
          jobOutcome, cancelAt, out);
      if (job.startedAt() != null && (firstStart == null || job.startedAt().isBefore(firstStart))) {
        firstStart = job.startedAt();
      }
      end = job.completedAt().isAfter(end) ? job.completedAt() : end;
    }
    Instant running = firstStart == null ? start.plusSeconds(2) : firstStart;
    out.add(new TimedEvent(running, runUpdate(run, attempt, BuildStatus.IN_PROGRESS, null, start, running)));
    out.add(new TimedEvent(end, runUpdate(run, attempt, BuildStatus.COMPLETED, conclusion(outcome), start, end)));
    return end;
  }

  private RunUpdate runUpdate(RunContext run, int attempt, BuildStatus status, @Nullable Conclusion conclusion,
      Instant attemptStart, Instant at) {
    Pipeline p = run.pipeline();
    return RunUpdate.builder(run.id()).attempt(attempt)
        .workflow(new Workflow(p.workflowId(), p.workflow(), p.path()))
        .runNumber(run.runNumber()).branch(run.branch()).commitSha(run.sha()).event(run.event())
        .actor(run.actor()).triggeringActor(attempt > 1 ? pick(DemoCatalog.ACTORS.subList(0, 6)) : run.actor())
        .title(run.title()).status(status).conclusion(conclusion)
        .createdAt(run.createdAt()).startedAt(attemptStart).updatedAt(at)
        .completedAt(status == BuildStatus.COMPLETED ? at : null)
        .headCommitAt(run.commitAt()).pullRequests(run.pullRequests())
        .build();
  }

  static Conclusion conclusion(Outcome outcome) {
    return switch (outcome) {
      case SUCCESS, FLAKY -> Conclusion.SUCCESS;
      case FAILURE -> Conclusion.FAILURE;
      case TIMED_OUT -> Conclusion.TIMED_OUT;
      case CANCELLED -> Conclusion.CANCELLED;
    };
  }

  static Duration scaled(Duration value, double scale) {
    return Duration.ofMillis(Math.max(1_000, Math.round(value.toMillis() * scale)));
  }

  private String pick(List<String> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** The job report GitHub sends for {@code job} of this run. */
  static JobUpdate jobUpdate(RunContext run, Job job) {
    return new JobUpdate(run.id(), job, run.pipeline().workflow(), run.branch(), run.sha());
  }
}

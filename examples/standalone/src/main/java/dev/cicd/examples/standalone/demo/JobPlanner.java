package dev.cicd.examples.standalone.demo;

import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.build.Job;
import dev.cicd.core.build.Step;
import dev.cicd.core.ingest.JobUpdate;
import dev.cicd.examples.standalone.demo.DemoCatalog.JobSpec;
import dev.cicd.examples.standalone.demo.RunPlanner.RunContext;
import dev.cicd.examples.standalone.demo.SimulatedRun.TimedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/** Plans one job of one attempt: queued, started after its queue time, completed with its steps. */
final class JobPlanner {
  /** The shortest wait of a slow queue. */
  static final Duration SLOW_QUEUE = Duration.ofMinutes(25);

  /** When the planned job started (null if cancelled before it got a runner) and completed. */
  record Planned(@Nullable Instant startedAt, Instant completedAt) {}

  private final Random random;
  private final DemoIds ids;

  JobPlanner(Random random, DemoIds ids) {
    this.random = random;
    this.ids = ids;
  }

  Planned plan(RunContext run, int attempt, JobSpec spec, Instant created, double scale, boolean slowQueue,
      Outcome outcome, @Nullable Instant cancelAt, List<TimedEvent> out) {
    long id = ids.jobId();
    Duration typicalQueue = vary(run.pipeline().queue(), 0.6);
    // A slow queue waits four times the drawn one, and never less than SLOW_QUEUE (longer than the demo's
    // 15-minute alert threshold, whatever the draw).
    Duration queue = RunPlanner.scaled(slowQueue ? max(typicalQueue.multipliedBy(4), SLOW_QUEUE) : typicalQueue,
        scale);
    Duration runTime = RunPlanner.scaled(vary(spec.typical(), 0.2), scale);
    Conclusion conclusion = RunPlanner.conclusion(outcome == Outcome.CANCELLED ? Outcome.SUCCESS : outcome);
    if (outcome == Outcome.FAILURE) {
      runTime = runTime.multipliedBy(3 + random.nextInt(6)).dividedBy(10);
    } else if (outcome == Outcome.TIMED_OUT) {
      runTime = runTime.multipliedBy(8).dividedBy(5);
    }
    Instant started = created.plus(queue);
    Instant completed = started.plus(runTime);
    if (cancelAt != null && completed.isAfter(cancelAt)) {
      conclusion = Conclusion.CANCELLED;
      completed = cancelAt;
      started = started.isBefore(cancelAt) ? started : null;
    }
    String runner = spec.runnerLabel().startsWith("macos") ? "macos-runner-" + (1 + random.nextInt(4))
        : spec.runnerLabel().equals("self-hosted") ? "infra-runner-" + (1 + random.nextInt(2))
        : "GitHub Actions " + (1 + random.nextInt(40));
    String group = spec.runnerLabel().equals("self-hosted") ? "infra" : "GitHub Actions";
    out.add(new TimedEvent(created, update(run, new Job(id, attempt, spec.name(), BuildStatus.QUEUED, null, created,
        null, null, null, null, List.of(spec.runnerLabel()), List.of(), null))));
    if (started != null) {
      out.add(new TimedEvent(started, update(run, new Job(id, attempt, spec.name(), BuildStatus.IN_PROGRESS, null,
          created, started, null, runner, group, List.of(spec.runnerLabel()), List.of(), null))));
    }
    out.add(new TimedEvent(completed, update(run, new Job(id, attempt, spec.name(), BuildStatus.COMPLETED, conclusion,
        created, started, completed, started == null ? null : runner, started == null ? null : group,
        List.of(spec.runnerLabel()), steps(spec, started, completed, conclusion), null))));
    return new Planned(started, completed);
  }

  /** Set up, checkout, the job's own step (which carries the outcome), post-checkout, complete. */
  private static List<Step> steps(JobSpec spec, @Nullable Instant started, Instant completed, Conclusion conclusion) {
    if (started == null) {
      return List.of();
    }
    long total = Duration.between(started, completed).toMillis();
    Instant[] marks = {started, at(started, total, 0.04), at(started, total, 0.10), at(started, total, 0.96), completed};
    String[] names = {"Set up job", "Checkout", "Run " + spec.name(), "Post Checkout"};
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      Conclusion c = i == 2 ? conclusion : i < 2 || conclusion != Conclusion.CANCELLED ? Conclusion.SUCCESS
          : Conclusion.SKIPPED;
      steps.add(new Step(i + 1, names[i], BuildStatus.COMPLETED, c, marks[i], marks[i + 1]));
    }
    steps.add(new Step(names.length + 1, "Complete job", BuildStatus.COMPLETED, Conclusion.SUCCESS, completed,
        completed));
    return steps;
  }

  private static Instant at(Instant start, long totalMillis, double fraction) {
    return start.plusMillis(Math.round(totalMillis * fraction));
  }

  /** The longer of {@code a} and {@code b}. */
  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** A value around {@code typical}: log-normal with the given spread. */
  private Duration vary(Duration typical, double spread) {
    double factor = Math.exp(random.nextGaussian() * spread);
    return Duration.ofMillis(Math.round(typical.toMillis() * factor));
  }

  private static JobUpdate update(RunContext run, Job job) {
    return RunPlanner.jobUpdate(run, job);
  }
}

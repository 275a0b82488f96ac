package dev.cicd.examples.standalone.demo;

import dev.cicd.examples.standalone.demo.DemoCatalog.Pipeline;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Two weeks of runs of every demo pipeline, all completed before now. The shape is fixed so the
 * dashboard always tells a story: the nightly end-to-end run of {@code octo-org/mobile} has failed the
 * last three nights (a firing alert), and its newest iOS build waited long for a macOS runner.
 */
final class DemoHistory {
  static final Duration SPAN = Duration.ofDays(14);

  private final RunPlanner planner;
  private final Random random;

  DemoHistory(RunPlanner planner, Random random) {
    this.planner = planner;
    this.random = random;
  }

  /** Every run, ordered by start. */
  List<SimulatedRun> plan(Instant now) {
    List<SimulatedRun> runs = new ArrayList<>();
    for (Pipeline pipeline : DemoCatalog.PIPELINES) {
      List<Instant> starts = starts(pipeline, now);
      List<SimulatedRun> planned = plan(pipeline, starts, now);
      // The iOS pipeline's newest run must be the slow one, and it must have completed by now: while the slow
      // run of the newest start would still be waiting or running, drop that start and plan again.
      while (pipeline.workflow().equals(DemoCatalog.IOS) && !starts.isEmpty()
          && !newestIsSlow(planned, starts.get(starts.size() - 1))) {
        starts.remove(starts.size() - 1);
        planned = plan(pipeline, starts, now);
      }
      runs.addAll(planned);
    }
    runs.sort(Comparator.comparing(SimulatedRun::start));
    return runs;
  }

  private List<SimulatedRun> plan(Pipeline pipeline, List<Instant> starts, Instant now) {
    List<SimulatedRun> planned = new ArrayList<>();
    for (int i = 0; i < starts.size(); i++) {
      int fromEnd = starts.size() - 1 - i;
      Outcome outcome = forced(pipeline, fromEnd).orElseGet(() -> Outcome.draw(pipeline, random));
      boolean slowQueue = pipeline.workflow().equals(DemoCatalog.IOS) && fromEnd == 0;
      SimulatedRun run = planner.plan(pipeline, starts.get(i), 1.0, outcome, slowQueue);
      if (run.end().isBefore(now)) {
        planned.add(run);
      }
    }
    return planned;
  }

  private static boolean newestIsSlow(List<SimulatedRun> planned, Instant newestStart) {
    return !planned.isEmpty() && planned.get(planned.size() - 1).start().equals(newestStart);
  }

  private static Optional<Outcome> forced(Pipeline pipeline, int fromEnd) {
    if (pipeline.workflow().equals(DemoCatalog.NIGHTLY) && fromEnd < 3) {
      return Optional.of(Outcome.FAILURE);
    }
    if (pipeline.workflow().equals(DemoCatalog.IOS) && fromEnd == 0) {
      return Optional.of(Outcome.SUCCESS);
    }
    return Optional.empty();
  }

  /**
   * Creation times: nightlies at 02:00 UTC, others around the clock (fewer at weekends), up to shortly
   * before now so that the seeded runs have completed.
   */
  private List<Instant> starts(Pipeline pipeline, Instant now) {
    List<Instant> starts = new ArrayList<>();
    Instant firstDay = now.minus(SPAN).truncatedTo(ChronoUnit.DAYS);
    for (Instant day = firstDay; day.isBefore(now); day = day.plus(Duration.ofDays(1))) {
      if (pipeline.workflow().equals(DemoCatalog.NIGHTLY)) {
        starts.add(day.plus(Duration.ofHours(2)).plusSeconds(random.nextInt(300)));
        continue;
      }
      DayOfWeek weekday = day.atOffset(ZoneOffset.UTC).getDayOfWeek();
      boolean weekend = weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY;
      int count = poisson(pipeline.perWeekday() * (weekend ? 0.25 : 1.0));
      for (int i = 0; i < count; i++) {
        starts.add(day.plus(Duration.ofMinutes(random.nextInt(24 * 60))).plusSeconds(random.nextInt(60)));
      }
    }
    Duration margin = pipeline.queue().multipliedBy(4).plus(longestJob(pipeline).multipliedBy(2));
    starts.removeIf(start -> !start.plus(margin).isBefore(now));
    starts.sort(Comparator.naturalOrder());
    return starts;
  }

  private static Duration longestJob(Pipeline pipeline) {
    return pipeline.jobs().stream().map(DemoCatalog.JobSpec::typical).max(Duration::compareTo).orElseThrow();
  }

  private int poisson(double mean) {
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int count = 0;
    while (product > limit) {
      count++;
      product *= random.nextDouble();
    }
    return count;
  }
}

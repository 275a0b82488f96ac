package dev.cicd.examples.standalone.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.build.Job;
import dev.cicd.core.ingest.JobUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DemoHistoryTest {
  @Test
  @DisplayName("whatever the hour and weekday, the newest seeded iOS run has completed and waited over 15 minutes")
  void newestIosRunIsSlowAtEveryHour() {
    Instant base = Instant.parse("2026-11-23T00:17:00Z"); // a Monday: the week covers weekdays and a weekend
    for (int hour = 0; hour < 14 * 24; hour += 1) {
      Instant now = base.plus(Duration.ofHours(hour));
      List<SimulatedRun> runs = new DemoHistory(new RunPlanner(new Random(DemoMode.HISTORY_SEED),
          new DemoIds(now.toEpochMilli())), new Random(DemoMode.HISTORY_SEED + 1)).plan(now);
      SimulatedRun newest = runs.stream().filter(r -> r.pipeline().workflow().equals(DemoCatalog.IOS))
          .reduce((a, b) -> b.start().isAfter(a.start()) ? b : a).orElseThrow();
      assertThat(newest.end()).as("at %s", now).isBefore(now);
      long longestWait = newest.events().stream().map(SimulatedRun.TimedEvent::event)
          .filter(JobUpdate.class::isInstance).map(e -> ((JobUpdate) e).job())
          .filter(j -> j.queueMs() != null).mapToLong(Job::queueMs).max().orElse(0);
      assertThat(longestWait).as("at %s", now).isGreaterThan(Duration.ofMinutes(15).toMillis());
    }
  }
}

package dev.cicd.examples.standalone.demo;

import dev.cicd.core.Cicd;
import dev.cicd.core.alert.AlertConfig;
import dev.cicd.core.alert.AlertRules;
import dev.cicd.core.alert.FailedRule;
import dev.cicd.core.alert.FlakyRule;
import dev.cicd.core.alert.LongQueueRule;
import dev.cicd.core.alert.RuleScope;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.ingest.DeploymentUpdate;
import dev.cicd.core.ingest.IngestListener;
import dev.cicd.core.ingest.IngestionService;
import dev.cicd.core.ingest.JobUpdate;
import dev.cicd.core.ingest.ProviderEvent;
import dev.cicd.core.ingest.RunUpdate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --demo}: seeds two weeks of history into an empty store, then keeps adding runs. Everything
 * goes through {@code cicd.ingestion()}, so the store, the metrics, the live updates and the alert engine
 * see what they would see from GitHub. The history is reported as a poll after the fact would see it
 * (each job and attempt once, completed); the live feed reports every step as webhooks do.
 */
public final class DemoMode implements AutoCloseable {
  /** Fixed, so every demo tells the same story (relative to now). */
  static final long HISTORY_SEED = 20_261_127L;
  /** The alert engine evaluates the history of this many recent days. */
  static final Duration ALERTED_DAYS = Duration.ofDays(3);
  private static final Logger LOG = LoggerFactory.getLogger(DemoMode.class);

  private final LiveFeed feed;
  private final String description;

  private DemoMode(LiveFeed feed, String description) {
    this.feed = feed;
    this.description = description;
  }

  /** The demo's alert rules: failures and slow runner queues on default branches, flaky tests anywhere. */
  public static AlertConfig alertConfig() {
    return AlertConfig.of(List.of(
        FailedRule.of(AlertRules.DEFAULT_RULE_ID, RuleScope.defaultBranch()),
        new LongQueueRule("slow-queue", RuleScope.defaultBranch(), List.of(), Duration.ofMinutes(15)),
        new FlakyRule("flaky", RuleScope.allBranches(), List.of(), 2, Duration.ofDays(2))));
  }

  /**
   * Seeds the history when the store is empty, and registers {@code alertEngine} with ingestion. The
   * engine sees the last {@link #ALERTED_DAYS} of the history and everything after, so the alert history
   * and the notifications at start are those of recent days. Call {@link #startFeed()} once the instance
   * has started.
   */
  public static DemoMode seed(Cicd cicd, Clock clock, IngestListener alertEngine) {
    DemoIds ids = new DemoIds(clock.millis());
    long existing = cicd.store().count();
    String description;
    if (existing == 0) {
      long begin = System.nanoTime();
      List<SimulatedRun> runs = new DemoHistory(new RunPlanner(new Random(HISTORY_SEED), ids),
          new Random(HISTORY_SEED + 1)).plan(clock.instant());
      LOG.info("Seeding the demo history: {} runs of the last {} days", runs.size(), DemoHistory.SPAN.toDays());
      Instant alerted = clock.instant().minus(ALERTED_DAYS);
      int events = ingest(cicd.ingestion(), runs.stream().filter(r -> r.start().isBefore(alerted)).toList());
      cicd.ingestion().addListener(alertEngine);
      events += ingest(cicd.ingestion(), runs.stream().filter(r -> !r.start().isBefore(alerted)).toList());
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
      LOG.info("Demo history seeded: {} runs ({} events) in {} ms", runs.size(), events, millis);
      description = runs.size() + " runs of the last " + DemoHistory.SPAN.toDays() + " days seeded in " + millis
          + " ms; a new run starts every few seconds";
    } else {
      cicd.ingestion().addListener(alertEngine);
      LOG.info("The store already holds {} builds, so the demo only adds new runs", existing);
      description = "the store already held " + existing + " builds; a new run starts every few seconds";
    }
    return new DemoMode(new LiveFeed(cicd.ingestion(), new RunPlanner(new Random(), ids), new Random(), clock),
        description);
  }

  /** Starts adding runs every few seconds. */
  public void startFeed() {
    feed.start();
  }

  private static int ingest(IngestionService ingestion, List<SimulatedRun> runs) {
    int events = 0;
    for (SimulatedRun run : runs) {
      for (SimulatedRun.TimedEvent event : run.events()) {
        if (isFinal(event.event())) {
          ingestion.ingest(event.event());
          events++;
        }
      }
    }
    return events;
  }

  /** Completed runs and jobs, and every deployment status: what a poll long after the runs reports. */
  static boolean isFinal(ProviderEvent event) {
    if (event instanceof RunUpdate run) {
      return run.status() == BuildStatus.COMPLETED;
    }
    if (event instanceof JobUpdate job) {
      return job.job().status() == BuildStatus.COMPLETED;
    }
    return event instanceof DeploymentUpdate;
  }

  public String describe() {
    return description;
  }

  @Override
  public void close() {
    feed.close();
  }
}

package dev.cicd.examples.standalone.demo;

import dev.cicd.core.ingest.IngestionService;
import dev.cicd.examples.standalone.demo.DemoCatalog.Pipeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the demo moving: starts a run every few seconds and reports each run's events as their time
 * comes (queued, started, jobs, completed), through the ingestion service like a webhook would.
 * Runs go faster than life ({@link #SCALE}).
 */
final class LiveFeed implements AutoCloseable {
  static final Duration TICK = Duration.ofSeconds(2);
  static final double SCALE = 0.3;
  static final int MAX_ACTIVE = 12;
  private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

  private final IngestionService ingestion;
  private final RunPlanner planner;
  private final Random random;
  private final Clock clock;
  private final List<Cursor> active = new ArrayList<>();
  private final List<Pipeline> pipelines = DemoCatalog.PIPELINES.stream().filter(Pipeline::live).toList();
  private Instant nextStart = Instant.MIN;
  private @Nullable ScheduledExecutorService executor;
  private long started;

  LiveFeed(IngestionService ingestion, RunPlanner planner, Random random, Clock clock) {
    this.ingestion = ingestion;
    this.planner = planner;
    this.random = random;
    this.clock = clock;
  }

  /** A run being played, and how far. */
  private static final class Cursor {
    final SimulatedRun run;
    int next;

    Cursor(SimulatedRun run) {
      this.run = run;
    }
  }

  synchronized void start() {
    if (executor != null) {
      return;
    }
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "cicd-demo-feed");
      t.setDaemon(true);
      return t;
    });
    executor.scheduleWithFixedDelay(this::tickSafely, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.warn("The demo feed failed to report a run; it goes on with the next", e);
    }
  }

  /** Starts a run when one is due and reports every event whose time has come. */
  synchronized void tick() {
    Instant now = clock.instant();
    if (!now.isBefore(nextStart) && active.size() < MAX_ACTIVE) {
      Pipeline pipeline = pick();
      active.add(new Cursor(planner.plan(pipeline, now, SCALE, Outcome.draw(pipeline, random), false)));
      started++;
      nextStart = now.plusSeconds(4 + random.nextInt(7));
    }
    for (Iterator<Cursor> it = active.iterator(); it.hasNext(); ) {
      Cursor cursor = it.next();
      List<SimulatedRun.TimedEvent> events = cursor.run.events();
      while (cursor.next < events.size() && !events.get(cursor.next).at().isAfter(now)) {
        ingestion.ingest(events.get(cursor.next).event());
        cursor.next++;
      }
      if (cursor.next == events.size()) {
        it.remove();
      }
    }
  }

  /** A live pipeline, weighted by how often it runs. */
  private Pipeline pick() {
    double total = pipelines.stream().mapToDouble(Pipeline::perWeekday).sum();
    double r = random.nextDouble() * total;
    for (Pipeline pipeline : pipelines) {
      r -= pipeline.perWeekday();
      if (r < 0) {
        return pipeline;
      }
    }
    return pipelines.get(pipelines.size() - 1);
  }

  synchronized long started() {
    return started;
  }

  @Override
  public void close() {
    ScheduledExecutorService running;
    synchronized (this) {
      running = executor;
      executor = null;
    }
    if (running != null) {
      running.shutdownNow();
      try {
        running.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      LOG.info("Demo feed stopped after starting {} runs", started());
    }
  }
}

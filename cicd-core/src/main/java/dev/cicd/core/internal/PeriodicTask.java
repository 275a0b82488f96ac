package dev.cicd.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A task run with a fixed delay that remembers its last success and last failure for health. */
public final class PeriodicTask {
  private static final Logger LOG = LoggerFactory.getLogger(PeriodicTask.class);

  private final String name;
  private final Runnable body;
  private final Duration delay;
  private final Clock clock;
  private volatile @Nullable Instant lastSuccess;
  private volatile @Nullable String lastError;
  private volatile @Nullable ScheduledFuture<?> future;

  public PeriodicTask(String name, Runnable body, Duration delay, Clock clock) {
    this.name = name;
    this.body = body;
    this.delay = delay;
    this.clock = clock;
  }

  public void schedule(ScheduledExecutorService executor, Duration initialDelay) {
    future = executor.scheduleWithFixedDelay(this::runOnce, initialDelay.toMillis(), delay.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Runs the body once, now, on the calling thread; never throws. */
  public void runOnce() {
    try {
      body.run();
      lastSuccess = clock.instant();
      lastError = null;
    } catch (RuntimeException e) {
      lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
      LOG.warn("Periodic task {} failed; it runs again in {}", name, delay, e);
    }
  }

  public void cancel() {
    ScheduledFuture<?> f = future;
    if (f != null) {
      f.cancel(false);
    }
  }

  public String name() {
    return name;
  }

  public @Nullable Instant lastSuccess() {
    return lastSuccess;
  }

  public @Nullable String lastError() {
    return lastError;
  }

  public boolean isScheduled() {
    ScheduledFuture<?> f = future;
    return f != null && !f.isDone();
  }
}

package dev.cicd.core.alert;

import dev.cicd.core.alert.internal.ChannelWorker;
import dev.cicd.core.alert.internal.DispatchSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: each channel has its own worker, and once {@link #start()}ed its own thread, so
 * a slow or failing channel delays only itself. Rows are claimed under a lease (several dispatchers
 * may share one store), retried with exponential backoff or after the channel's Retry-After, and
 * marked failed with the reason on a permanent error or after {@link AlertDispatcherBuilder#maxAge}.
 * Pending rows survive restarts: a new dispatcher over the same store resumes them (rows leased by a
 * dead dispatcher once the lease expires). At least once: a crash between sending and recording may
 * send a row again with the same idempotency key.
 */
public final class AlertDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);

  private final Map<String, AlertSink> sinks;
  private final Map<String, ChannelWorker> workers = new LinkedHashMap<>();
  private final Clock clock;
  private final Duration pollInterval;
  private final List<ScheduledExecutorService> threads = new ArrayList<>();

  AlertDispatcher(AlertDispatcherBuilder b) {
    this.sinks = b.sinks;
    this.clock = b.clock;
    this.pollInterval = b.pollInterval;
    DispatchSettings settings = new DispatchSettings(b.leaseOwner, b.batchSize, b.leaseDuration, b.initialBackoff,
        b.maxBackoff, b.maxAge, b.dependencyWait);
    for (AlertSink sink : sinks.values()) {
      workers.put(sink.id(), new ChannelWorker(sink, Objects.requireNonNull(b.store), clock, settings));
    }
  }

  public static AlertDispatcherBuilder builder() {
    return new AlertDispatcherBuilder();
  }

  /** Handles the rows due now on every channel, on the calling thread; returns how many it handled. */
  public int runOnce() {
    int handled = 0;
    for (ChannelWorker worker : workers.values()) {
      handled += worker.runOnce();
    }
    return handled;
  }

  /** Keeps calling {@link #runOnce()} while it handles rows (at most {@code maxRounds} times). */
  public int drain(int maxRounds) {
    int total = 0;
    for (int i = 0; i < maxRounds; i++) {
      int handled = runOnce();
      total += handled;
      if (handled == 0) {
        break;
      }
    }
    return total;
  }

  /**
   * Sends a test notification through a channel now, bypassing the outbox.
   *
   * @throws IllegalArgumentException naming the known channels when {@code channelId} is unknown
   */
  public DeliveryAttemptResult sendTest(String channelId) {
    AlertSink sink = sinks.get(channelId);
    if (sink == null) {
      throw new IllegalArgumentException("channel must be one of " + sinks.keySet() + ", but was '" + channelId + "'");
    }
    try {
      return sink.send(Notification.test(channelId, clock.instant()));
    } catch (RuntimeException e) {
      LOG.warn("Alert channel {} threw while sending a test notification", channelId, e);
      return DeliveryAttemptResult.retryLater(null, "channel threw " + e.getClass().getSimpleName());
    }
  }

  /** Health of every channel (for the health endpoint). */
  public List<AlertSinkHealth> health() {
    return workers.values().stream().map(ChannelWorker::health).toList();
  }

  /** Starts one daemon thread per channel, each polling every poll interval. */
  public synchronized void start() {
    if (!threads.isEmpty()) {
      return;
    }
    for (Map.Entry<String, ChannelWorker> entry : workers.entrySet()) {
      ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cicd-alert-dispatch-" + entry.getKey());
        t.setDaemon(true);
        return t;
      });
      thread.scheduleWithFixedDelay(() -> poll(entry.getKey(), entry.getValue()), 0, pollInterval.toMillis(),
          TimeUnit.MILLISECONDS);
      threads.add(thread);
    }
    LOG.info("Alert dispatcher started for channels {}", workers.keySet());
  }

  private static void poll(String channel, ChannelWorker worker) {
    try {
      while (worker.runOnce() > 0) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("Alert dispatch for channel {} failed; retrying at the next poll", channel, e);
    }
  }

  /** Stops the threads, waiting briefly for sends in progress; unfinished rows stay in the outbox. */
  public synchronized void stop() {
    for (ScheduledExecutorService thread : threads) {
      thread.shutdown();
    }
    for (ScheduledExecutorService thread : threads) {
      try {
        if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
          thread.shutdownNow();
        }
      } catch (InterruptedException e) {
        thread.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    if (!threads.isEmpty()) {
      LOG.info("Alert dispatcher stopped");
    }
    threads.clear();
  }

  @Override
  public void close() {
    stop();
  }
}

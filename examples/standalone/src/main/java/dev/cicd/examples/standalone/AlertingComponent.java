package dev.cicd.examples.standalone;

import dev.cicd.core.Cicd;
import dev.cicd.core.CicdComponent;
import dev.cicd.core.alert.AlertDispatcher;
import dev.cicd.core.alert.AlertEngine;
import dev.cicd.core.alert.AlertStore;
import dev.cicd.core.alert.OutboxStatus;
import dev.cicd.http.Alerting;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs alerting with the {@link Cicd} instance: the engine's periodic tick and the outbox dispatcher. The
 * engine itself is an ingestion listener (registered with the builder, so it sees the first poll too).
 * Stopping drains what the outbox can send within {@link #DRAIN_TIMEOUT}.
 */
final class AlertingComponent implements CicdComponent {
  static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(3);
  private static final Logger LOG = LoggerFactory.getLogger(AlertingComponent.class);

  private final AlertEngine engine;
  private final AlertStore store;
  private final AlertDispatcher dispatcher;
  private final List<String> channels;
  private final boolean durable;

  AlertingComponent(AlertEngine engine, AlertStore store, AlertDispatcher dispatcher, List<String> channels,
      boolean durable) {
    this.engine = engine;
    this.store = store;
    this.dispatcher = dispatcher;
    this.channels = List.copyOf(channels);
    this.durable = durable;
  }

  @Override
  public void start(Cicd cicd) {
    engine.start();
    dispatcher.start();
  }

  @Override
  public void stop() {
    engine.stop();
    dispatcher.stop();
    drain();
  }

  private void drain() {
    ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "cicd-outbox-drain");
      t.setDaemon(true);
      return t;
    });
    Future<Integer> sent = thread.submit(() -> dispatcher.drain(100));
    try {
      int handled = sent.get(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      LOG.info("Outbox drained at shutdown: {} notifications handled", handled);
    } catch (TimeoutException e) {
      sent.cancel(true);
      LOG.warn("Outbox drain stopped after {}", DRAIN_TIMEOUT);
    } catch (ExecutionException e) {
      LOG.warn("Outbox drain failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      thread.shutdownNow();
    }
    long pending = store.outboxCounts().getOrDefault(OutboxStatus.PENDING, 0L);
    if (pending > 0) {
      LOG.info("{} notifications are still pending ({})", pending, durable
          ? "they are sent after the next start" : "the in-memory alert store loses them");
    }
  }

  AlertEngine engine() {
    return engine;
  }

  Alerting alerting() {
    return Alerting.of(engine, store, dispatcher);
  }

  List<String> channels() {
    return channels;
  }

  String storeDescription() {
    return durable ? "in the database (" + store + ")" : "in memory (lost on restart)";
  }

  @Override
  public String toString() {
    return "AlertingComponent[" + channels + "]";
  }
}

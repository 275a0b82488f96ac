package dev.cicd.core.alert;

import dev.cicd.core.alert.internal.Checks;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Builds an {@link AlertDispatcher}; {@link #store} is required. */
public final class AlertDispatcherBuilder {
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
  public static final int DEFAULT_BATCH_SIZE = 20;
  public static final Duration DEFAULT_LEASE_DURATION = Duration.ofMinutes(5);
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(10);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(30);
  public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(24);
  public static final Duration DEFAULT_DEPENDENCY_WAIT = Duration.ofSeconds(5);

  @Nullable AlertStore store;
  final Map<String, AlertSink> sinks = new LinkedHashMap<>();
  Clock clock = Clock.systemUTC();
  String leaseOwner = defaultOwner();
  Duration pollInterval = DEFAULT_POLL_INTERVAL;
  int batchSize = DEFAULT_BATCH_SIZE;
  Duration leaseDuration = DEFAULT_LEASE_DURATION;
  Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
  Duration maxBackoff = DEFAULT_MAX_BACKOFF;
  Duration maxAge = DEFAULT_MAX_AGE;
  Duration dependencyWait = DEFAULT_DEPENDENCY_WAIT;

  AlertDispatcherBuilder() {}

  public AlertDispatcherBuilder store(AlertStore value) { this.store = Objects.requireNonNull(value, "store"); return this; }

  /** Adds a channel; ids must be unique. */
  public AlertDispatcherBuilder sink(AlertSink sink) {
    Receiver.requireId("channel id", sink.id());
    if (sinks.putIfAbsent(sink.id(), sink) != null) {
      throw new IllegalArgumentException("channel ids must be unique, but '" + sink.id() + "' was added twice");
    }
    return this;
  }

  public AlertDispatcherBuilder sinks(Collection<? extends AlertSink> values) { values.forEach(this::sink); return this; }

  public AlertDispatcherBuilder clock(Clock value) { this.clock = Objects.requireNonNull(value, "clock"); return this; }

  /** Names this dispatcher in leases; default host name plus a random suffix. */
  public AlertDispatcherBuilder leaseOwner(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("leaseOwner must not be blank, but was '" + value + "'");
    }
    this.leaseOwner = value;
    return this;
  }

  public AlertDispatcherBuilder pollInterval(Duration value) { this.pollInterval = Checks.positive("pollInterval", value); return this; }

  public AlertDispatcherBuilder batchSize(int value) { this.batchSize = Checks.atLeast("batchSize", value, 1); return this; }

  /** How long claimed rows stay reserved; must exceed the slowest batch. */
  public AlertDispatcherBuilder leaseDuration(Duration value) { this.leaseDuration = Checks.positive("leaseDuration", value); return this; }

  public AlertDispatcherBuilder initialBackoff(Duration value) { this.initialBackoff = Checks.positive("initialBackoff", value); return this; }

  public AlertDispatcherBuilder maxBackoff(Duration value) { this.maxBackoff = Checks.positive("maxBackoff", value); return this; }

  /** A row still failing this long after it was created is marked failed. */
  public AlertDispatcherBuilder maxAge(Duration value) { this.maxAge = Checks.positive("maxAge", value); return this; }

  /** How long a row waits before re-checking a predecessor in its thread that is still pending. */
  public AlertDispatcherBuilder dependencyWait(Duration value) { this.dependencyWait = Checks.positive("dependencyWait", value); return this; }

  public AlertDispatcher build() {
    if (store == null) {
      throw new IllegalArgumentException("store is required for AlertDispatcher: call store(alertStore)");
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff must be at least initialBackoff (" + initialBackoff
          + "), but was " + maxBackoff);
    }
    return new AlertDispatcher(this);
  }

  private static String defaultOwner() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "host";
    }
    return host + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}

package dev.cicd.core;

import dev.cicd.core.health.HealthIndicator;
import dev.cicd.core.ingest.InboxSettings;
import dev.cicd.core.ingest.IngestListener;
import dev.cicd.core.metrics.OutcomePolicy;
import dev.cicd.core.source.BuildSource;
import dev.cicd.core.store.BuildStore;
import dev.cicd.core.store.InMemoryBuildStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Builds a {@link Cicd}. Nothing starts until {@link Cicd#start()}. */
public final class CicdBuilder {
  /** Builds completed longer ago than this are deleted by the retention task. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(400);
  /** How often the retention task runs. */
  public static final Duration DEFAULT_RETENTION_INTERVAL = Duration.ofHours(1);
  /** Builds deleted per retention batch. */
  public static final int RETENTION_BATCH = 500;

  BuildStore store = new InMemoryBuildStore();
  @Nullable InboxSettings inbox;
  final List<BuildSource> sources = new ArrayList<>();
  final List<IngestListener> listeners = new ArrayList<>();
  final List<CicdComponent> components = new ArrayList<>();
  final List<HealthIndicator> healthIndicators = new ArrayList<>();
  Clock clock = Clock.systemUTC();
  OutcomePolicy outcomePolicy = OutcomePolicy.DEFAULT;
  @Nullable Duration retention = DEFAULT_RETENTION;
  Duration retentionInterval = DEFAULT_RETENTION_INTERVAL;
  Set<String> deployWorkflows = Set.of();

  CicdBuilder() {}

  /** Where builds are kept. Default: an {@link InMemoryBuildStore} (lost on restart). */
  public CicdBuilder store(BuildStore value) {
    this.store = Objects.requireNonNull(value, "store");
    return this;
  }

  /** Adds a CI provider to poll and to accept webhooks from. */
  public CicdBuilder source(BuildSource value) {
    sources.add(Objects.requireNonNull(value, "source"));
    return this;
  }

  /** Adds a listener told about every stored change. */
  public CicdBuilder listener(IngestListener value) {
    listeners.add(Objects.requireNonNull(value, "listener"));
    return this;
  }

  /** Adds a component started and stopped with the instance (e.g. the alert engine). */
  public CicdBuilder component(CicdComponent value) {
    components.add(Objects.requireNonNull(value, "component"));
    return this;
  }

  public CicdBuilder healthIndicator(HealthIndicator value) {
    healthIndicators.add(Objects.requireNonNull(value, "healthIndicator"));
    return this;
  }

  public CicdBuilder clock(Clock value) {
    this.clock = Objects.requireNonNull(value, "clock");
    return this;
  }

  /** Which conclusions count as success and failure in metrics and alerts. */
  public CicdBuilder outcomePolicy(OutcomePolicy value) {
    this.outcomePolicy = Objects.requireNonNull(value, "outcomePolicy");
    return this;
  }

  /**
   * Workflows whose runs are deployments, for DORA besides GitHub's {@code deployment_status} events (by exact
   * workflow name, in every repository): see {@link dev.cicd.core.metrics.WorkflowDeployments}. None by default.
   *
   * @throws IllegalArgumentException for a blank name
   */
  public CicdBuilder deployWorkflows(Collection<String> names) {
    for (String name : Objects.requireNonNull(names, "deployWorkflows")) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("deployWorkflows must be workflow names, but contained '" + name + "'");
      }
    }
    this.deployWorkflows = Set.copyOf(names);
    return this;
  }

  /** How long completed builds are kept; null keeps them forever. */
  public CicdBuilder retention(@Nullable Duration value) {
    if (value != null && (value.isNegative() || value.isZero())) {
      throw new IllegalArgumentException("retention must be positive or null (keep forever), but was " + value);
    }
    this.retention = value;
    return this;
  }

  public CicdBuilder retentionInterval(Duration value) {
    Objects.requireNonNull(value, "retentionInterval");
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("retentionInterval must be positive, but was " + value);
    }
    this.retentionInterval = value;
    return this;
  }

  /**
   * Acknowledges webhooks once stored raw and merges them behind ({@link dev.cicd.core.ingest.WebhookInbox}):
   * more deliveries per second, at the price of builds showing a delivery a moment after its 2xx. Null (the
   * default) merges each delivery before its 2xx. The store must {@linkplain BuildStore#keepsInbox() keep an inbox}.
   */
  public CicdBuilder webhookInbox(@Nullable InboxSettings value) {
    this.inbox = value;
    return this;
  }

  /**
   * @throws IllegalArgumentException when two sources share a provider key
   */
  public Cicd build() {
    Set<String> providers = new HashSet<>();
    for (BuildSource source : sources) {
      if (!providers.add(source.provider())) {
        throw new IllegalArgumentException("two sources share the provider '" + source.provider()
            + "'; configure several repositories on one source instead");
      }
    }
    return new Cicd(this);
  }
}

package dev.cicd.core;

import dev.cicd.core.health.ComponentHealth;
import dev.cicd.core.health.HealthIndicator;
import dev.cicd.core.health.HealthReport;
import dev.cicd.core.health.HealthStatus;
import dev.cicd.core.ingest.IngestionService;
import dev.cicd.core.ingest.WebhookInbox;
import dev.cicd.core.internal.PeriodicTask;
import dev.cicd.core.internal.SourceHealthIndicator;
import dev.cicd.core.metrics.OutcomePolicy;
import dev.cicd.core.metrics.WorkflowDeployments;
import dev.cicd.core.source.BuildSource;
import dev.cicd.core.source.WebhookReceiver;
import dev.cicd.core.store.BuildStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One CI/CD dashboard instance: the store, the sources, ingestion and the background tasks (polling,
 * retention, components such as alerting). Create with {@link #builder()}, then {@link #start()};
 * {@link #close()} stops everything. Thread-safe.
 */
public final class Cicd implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Cicd.class);

  private final BuildStore store;
  private final List<BuildSource> sources;
  private final List<CicdComponent> components;
  private final List<HealthIndicator> healthIndicators;
  private final IngestionService ingestion;
  private final @Nullable WebhookInbox inbox;
  private final Clock clock;
  private final OutcomePolicy outcomePolicy;
  private final @Nullable Duration retention;
  private final List<PeriodicTask> tasks = new ArrayList<>();
  private final PeriodicTask retentionTask;
  private @Nullable ScheduledExecutorService scheduler;
  private volatile boolean started;
  private final @Nullable WorkflowDeployments workflowDeployments;

  Cicd(CicdBuilder builder) {
    this.store = builder.store;
    this.sources = List.copyOf(builder.sources);
    this.components = List.copyOf(builder.components);
    this.clock = builder.clock;
    this.outcomePolicy = builder.outcomePolicy;
    this.retention = builder.retention;
    this.ingestion = IngestionService.create(store, clock);
    builder.listeners.forEach(ingestion::addListener);
    this.workflowDeployments = builder.deployWorkflows.isEmpty() ? null
        : new WorkflowDeployments(store, builder.deployWorkflows, outcomePolicy);
    if (workflowDeployments != null) {
      ingestion.addListener(workflowDeployments);
    }
    this.inbox = builder.inbox == null ? null : WebhookInbox.create(ingestion, builder.inbox, this::webhookReceiver);
    List<HealthIndicator> indicators = new ArrayList<>(builder.healthIndicators);
    if (inbox != null) {
      indicators.add(inbox);
    }
    sources.forEach(s -> indicators.add(new SourceHealthIndicator(s)));
    components.forEach(c -> indicators.addAll(c.healthIndicators()));
    this.healthIndicators = List.copyOf(indicators);
    this.retentionTask = new PeriodicTask("retention", this::applyRetention, builder.retentionInterval, clock);
  }

  public static CicdBuilder builder() {
    return new CicdBuilder();
  }

  /** Starts polling every source, retention and the components. Idempotent. */
  public synchronized void start() {
    if (started) {
      return;
    }
    catchUpWorkflowDeployments();
    AtomicInteger threads = new AtomicInteger();
    ScheduledExecutorService executor = Executors.newScheduledThreadPool(Math.max(1, sources.size()) + 1, r -> {
      Thread t = new Thread(r, "cicd-scheduler-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    scheduler = executor;
    for (BuildSource source : sources) {
      PeriodicTask poll = new PeriodicTask("poll-" + source.provider(), () -> source.poll(ingestion),
          source.pollInterval(), clock);
      poll.schedule(executor, Duration.ZERO);
      tasks.add(poll);
    }
    if (retention != null) {
      retentionTask.schedule(executor, Duration.ofMinutes(1));
    }
    components.forEach(c -> c.start(this));
    if (inbox != null) {
      inbox.start(); // after the components, so alerting hears of what it merges from before this start
    }
    started = true;
    LOG.info("CI/CD dashboard started: store {}, sources {}, components {}, retention {}", store,
        sources.stream().map(BuildSource::provider).toList(), components.size(),
        retention == null ? "off" : retention);
  }

  /** Stores deploy-workflow runs that have no deployment yet; a store that fails only delays it to the next start. */
  private void catchUpWorkflowDeployments() {
    if (workflowDeployments == null) {
      return;
    }
    try {
      workflowDeployments.catchUp();
    } catch (RuntimeException e) {
      LOG.warn("Could not look for deploy-workflow runs without a deployment; the next start tries again", e);
    }
  }

  public boolean isStarted() {
    return started;
  }

  /** Stops the components (reverse order) and background tasks, then closes the sources. */
  @Override
  public synchronized void close() {
    if (inbox != null) {
      inbox.close();
    }
    for (int i = components.size() - 1; i >= 0; i--) {
      try {
        components.get(i).stop();
      } catch (RuntimeException e) {
        LOG.warn("Component {} failed to stop", components.get(i), e);
      }
    }
    tasks.forEach(PeriodicTask::cancel);
    retentionTask.cancel();
    ScheduledExecutorService executor = scheduler;
    if (executor != null) {
      executor.shutdownNow();
      try {
        executor.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    sources.forEach(BuildSource::close);
    started = false;
  }

  /** Deletes builds past the retention period in bounded batches; returns how many. */
  public int applyRetention() {
    if (retention == null) {
      return 0;
    }
    int total = 0;
    int deleted;
    do {
      deleted = store.deleteCompletedBefore(clock.instant().minus(retention), CicdBuilder.RETENTION_BATCH);
      total += deleted;
    } while (deleted == CicdBuilder.RETENTION_BATCH && !Thread.currentThread().isInterrupted());
    if (total > 0) {
      LOG.info("Retention deleted {} builds completed before {}", total, clock.instant().minus(retention));
    }
    return total;
  }

  private Map<String, Object> storeDetails() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("type", store.getClass().getSimpleName());
    try {
      store.healthDetails().forEach(details::putIfAbsent);
    } catch (RuntimeException e) {
      LOG.debug("The store's health details failed", e);
    }
    return details;
  }

  /** Health of the store, the scheduler, every source and every component. */
  public HealthReport health() {
    Map<String, ComponentHealth> components = new LinkedHashMap<>();
    try {
      ingestion.checkStoreAvailable(); // at once while deliveries fail fast because the store is down
      components.put("store", ComponentHealth.up(storeDetails()));
    } catch (RuntimeException e) {
      components.put("store", ComponentHealth.down("store unavailable: " + e.getMessage()));
    }
    components.put("scheduler", started
        ? ComponentHealth.up(Map.of("tasks", tasks.size()))
        : new ComponentHealth(HealthStatus.DEGRADED, "not started", Map.of()));
    for (HealthIndicator indicator : healthIndicators) {
      ComponentHealth health;
      try {
        health = indicator.health();
      } catch (RuntimeException e) {
        health = ComponentHealth.down(indicator.name() + " health check failed: " + e.getMessage());
      }
      components.put(indicator.name(), health);
    }
    return HealthReport.of(components);
  }

  public BuildStore store() {
    return store;
  }

  public IngestionService ingestion() {
    return ingestion;
  }

  /** The webhook inbox, when webhooks are acknowledged before they are merged ({@link CicdBuilder#webhookInbox}). */
  public Optional<WebhookInbox> inbox() {
    return Optional.ofNullable(inbox);
  }

  public List<BuildSource> sources() {
    return sources;
  }

  /** The webhook receiver of the source with this provider key, if it accepts webhooks. */
  public Optional<WebhookReceiver> webhookReceiver(String provider) {
    return sources.stream().filter(s -> s.provider().equals(provider)).findFirst()
        .flatMap(BuildSource::webhookReceiver);
  }

  public Clock clock() {
    return clock;
  }

  public OutcomePolicy outcomePolicy() {
    return outcomePolicy;
  }
}

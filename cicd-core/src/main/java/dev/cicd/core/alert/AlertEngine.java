package dev.cicd.core.alert;

import dev.cicd.core.alert.internal.EngineContext;
import dev.cicd.core.alert.internal.HistoryLoader;
import dev.cicd.core.alert.internal.InstanceUpdater;
import dev.cicd.core.alert.internal.Series;
import dev.cicd.core.alert.internal.SeriesEvaluator;
import dev.cicd.core.alert.internal.Step;
import dev.cicd.core.alert.internal.StripedLocks;
import dev.cicd.core.alert.internal.Suppressions;
import dev.cicd.core.alert.internal.TickRunner;
import dev.cicd.core.alert.internal.Verdict;
import dev.cicd.core.build.Build;
import dev.cicd.core.ingest.BuildChange;
import dev.cicd.core.ingest.IngestListener;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert rule engine. Register it with {@code IngestionService.addListener}: after each merge that
 * completes a build it evaluates the rules whose scope holds the build's series, and {@link #tick()}
 * (every {@link AlertEngineBuilder#tickInterval}, once {@link #start()}ed) re-evaluates time-based
 * rules and sends reminders. Each state change is committed together with its outbox rows; an
 * {@link AlertDispatcher} delivers them. Evaluation never calls a channel, so a slow channel never
 * slows ingestion. An evaluation error keeps every state and raises one system alert
 * ({@value #EVALUATION_FAILING}). Thread-safe.
 */
public final class AlertEngine implements IngestListener, AutoCloseable {
  /** Name of the system alert raised while evaluations fail. */
  public static final String EVALUATION_FAILING = "evaluation-failing";

  private static final Logger LOG = LoggerFactory.getLogger(AlertEngine.class);

  private final EngineContext ctx;
  private final AtomicReference<AlertConfig> config;
  private final InstanceUpdater updater;
  private final SeriesEvaluator evaluator;
  private final TickRunner ticker;
  private final StripedLocks locks = new StripedLocks(64);
  private final java.time.Duration tickInterval;
  private final Set<Series> failedSeries = ConcurrentHashMap.newKeySet();
  private @Nullable ScheduledExecutorService scheduler;

  AlertEngine(AlertEngineBuilder b, AlertConfig initial) {
    this.config = new AtomicReference<>(initial);
    HistoryLoader loader = new HistoryLoader(b.buildStore, b.outcomePolicy, b.clockSkewTolerance, b.maxScan);
    this.ctx = new EngineContext(b.buildStore, b.alertStore, b.clock, b.defaultBranches, loader, config::get,
        b.channels, b.lookback, b.maxScan);
    this.updater = new InstanceUpdater(b.alertStore);
    this.evaluator = new SeriesEvaluator(ctx, updater);
    this.ticker = new TickRunner(ctx, evaluator, updater, locks);
    this.tickInterval = b.tickInterval;
  }

  public static AlertEngineBuilder builder() {
    return new AlertEngineBuilder();
  }

  /** Evaluates the rules for a build whose latest attempt completed with this change. */
  @Override
  public void onBuildChanged(BuildChange change) {
    if (!change.completedNow()) {
      return;
    }
    Build build = change.after();
    Series series = Series.of(build);
    AlertConfig current = config.get();
    List<AlertRule> rules = evaluator.rulesFor(series, current, false);
    if (rules.isEmpty()) {
      return;
    }
    evaluateSeries(series, rules, current, "build " + build.id());
  }

  private boolean evaluateSeries(Series series, List<AlertRule> rules, AlertConfig current, String what) {
    ReentrantLock lock = locks.lockFor(series);
    lock.lock();
    try {
      evaluator.evaluate(series, rules, current, ctx.clock().instant());
      return true;
    } catch (RuntimeException e) {
      failedSeries.add(series);
      evaluationFailed(what, e);
      return false;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Re-evaluates time-based rules and every series whose evaluation failed earlier, retires alerts of
   * removed rules, sends reminders and notifies alerts whose silence ended. Called by the scheduler;
   * tests call it directly.
   */
  public void tick() {
    AlertConfig current = config.get();
    for (Series series : List.copyOf(failedSeries)) {
      failedSeries.remove(series);
      if (!evaluateSeries(series, evaluator.rulesFor(series, current, false), current, "retry of " + series)) {
        return;
      }
    }
    try {
      ticker.tick(current, ctx.clock().instant());
      resolveSystemAlert(EVALUATION_FAILING, null);
    } catch (RuntimeException e) {
      evaluationFailed("tick", e);
    }
  }

  /** The configuration in force. */
  public AlertConfig config() {
    return config.get();
  }

  /**
   * Validates, stores and applies a configuration. Alerts keep their state: a rule edited under the same
   * id keeps its fingerprints, and the next evaluation applies the new parameters.
   *
   * @throws InvalidAlertConfigException naming every bad value; nothing changes then
   */
  public void configure(AlertConfig newConfig) {
    List<String> problems = newConfig.problems(ctx.channels());
    if (!problems.isEmpty()) {
      throw new InvalidAlertConfigException(problems);
    }
    ctx.store().saveConfig(newConfig);
    config.set(newConfig);
    LOG.info("Alert configuration replaced: {} rules, {} receivers", newConfig.rules().size(),
        newConfig.effectiveReceivers(ctx.channels()).size());
  }

  /** Stores a silence; it applies from the next notification on. */
  public Silence silence(Silence silence) {
    ctx.store().saveSilence(silence);
    return silence;
  }

  /**
   * Raises (or keeps) a system alert, for example "ingest stale". It notifies every receiver and
   * inhibits no-data and duration alerts of {@code repository} (of all repositories when null).
   */
  public void raiseSystemAlert(String name, @Nullable String repository, String summary) {
    system(name, repository, Verdict.firing(summary, null));
  }

  /** Resolves a system alert if it fires. */
  public void resolveSystemAlert(String name, @Nullable String repository) {
    system(name, repository, Verdict.clear("resolved", null));
  }

  private void system(String name, @Nullable String repository, Verdict verdict) {
    AlertConfig current = config.get();
    Series series = new Series(repository == null ? "" : repository, "", "");
    ReentrantLock lock = locks.lockFor(series);
    lock.lock();
    try {
      Instant now = ctx.clock().instant();
      updater.apply("system." + name, Suppressions.SYSTEM_TYPE, series, c -> Step.decide(c, verdict, now),
          current.effectiveReceivers(ctx.channels()), current, now);
    } finally {
      lock.unlock();
    }
  }

  private void evaluationFailed(String what, RuntimeException e) {
    LOG.warn("Alert evaluation of {} failed; alert states are kept", what, e);
    try {
      raiseSystemAlert(EVALUATION_FAILING, null, "alert evaluation is failing: " + e.getClass().getSimpleName());
    } catch (RuntimeException again) {
      LOG.warn("Could not record the failing evaluation as a system alert", again);
    }
  }

  /** Starts the periodic tick on a daemon thread. */
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "cicd-alert-tick");
      t.setDaemon(true);
      return t;
    });
    s.scheduleWithFixedDelay(this::tick, tickInterval.toMillis(), tickInterval.toMillis(), TimeUnit.MILLISECONDS);
    scheduler = s;
    LOG.info("Alert engine started: {} rules, tick every {}", config.get().rules().size(), tickInterval);
  }

  /** Stops the periodic tick; evaluation on ingest continues while registered as a listener. */
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
      LOG.info("Alert engine stopped");
    }
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "AlertEngine[" + config.get().rules().size() + " rules, store " + ctx.store() + "]";
  }
}

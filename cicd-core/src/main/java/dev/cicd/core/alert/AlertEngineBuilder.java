package dev.cicd.core.alert;

import dev.cicd.core.alert.internal.Checks;
import dev.cicd.core.metrics.OutcomePolicy;
import dev.cicd.core.store.BuildStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Builds an {@link AlertEngine}; {@link #buildStore} is required, everything else has a default. */
public final class AlertEngineBuilder {
  public static final Duration DEFAULT_TICK_INTERVAL = Duration.ofMinutes(1);
  public static final Duration DEFAULT_LOOKBACK = Duration.ofHours(48);
  public static final Duration DEFAULT_CLOCK_SKEW_TOLERANCE = Duration.ofMinutes(10);
  public static final int DEFAULT_MAX_SCAN = 2_000;

  @Nullable BuildStore buildStore;
  AlertStore alertStore = new InMemoryAlertStore();
  Clock clock = Clock.systemUTC();
  @Nullable AlertConfig config;
  Set<String> channels = Set.of();
  DefaultBranchResolver defaultBranches = DefaultBranchResolver.fallback();
  OutcomePolicy outcomePolicy = OutcomePolicy.DEFAULT;
  Duration tickInterval = DEFAULT_TICK_INTERVAL;
  Duration lookback = DEFAULT_LOOKBACK;
  Duration clockSkewTolerance = DEFAULT_CLOCK_SKEW_TOLERANCE;
  int maxScan = DEFAULT_MAX_SCAN;

  AlertEngineBuilder() {}

  /** Where builds are read from (required). */
  public AlertEngineBuilder buildStore(BuildStore value) { this.buildStore = Objects.requireNonNull(value, "buildStore"); return this; }

  /** Where alert state and the outbox live; default in memory. */
  public AlertEngineBuilder alertStore(AlertStore value) { this.alertStore = Objects.requireNonNull(value, "alertStore"); return this; }

  public AlertEngineBuilder clock(Clock value) { this.clock = Objects.requireNonNull(value, "clock"); return this; }

  /** The configuration; when not set, the one saved in the alert store, else {@link AlertConfig#defaults()}. */
  public AlertEngineBuilder config(AlertConfig value) { this.config = Objects.requireNonNull(value, "config"); return this; }

  /** Ids of the channels ({@link AlertSink#id()}) receivers may name; each gets an implicit receiver when none are configured. */
  public AlertEngineBuilder channels(Collection<String> ids) { this.channels = Set.copyOf(new TreeSet<>(ids)); return this; }

  public AlertEngineBuilder defaultBranches(DefaultBranchResolver value) { this.defaultBranches = Objects.requireNonNull(value, "defaultBranches"); return this; }

  /** Which conclusions count as success and failure; cancelled and skipped builds count as neither by default. */
  public AlertEngineBuilder outcomePolicy(OutcomePolicy value) { this.outcomePolicy = Objects.requireNonNull(value, "outcomePolicy"); return this; }

  public AlertEngineBuilder tickInterval(Duration value) { this.tickInterval = Checks.positive("tickInterval", value); return this; }

  /** How far back the tick looks for series to re-evaluate. */
  public AlertEngineBuilder lookback(Duration value) { this.lookback = Checks.positive("lookback", value); return this; }

  /** Provider timestamps up to this far in the future still count as "now" in time windows. */
  public AlertEngineBuilder clockSkewTolerance(Duration value) { this.clockSkewTolerance = Checks.notNegative("clockSkewTolerance", value); return this; }

  /** Most builds one history load or discovery scan reads. */
  public AlertEngineBuilder maxScan(int value) { this.maxScan = Checks.atLeast("maxScan", value, 10); return this; }

  /**
   * @throws IllegalArgumentException when the build store is missing
   * @throws InvalidAlertConfigException when the configuration names unknown channels or receivers
   */
  public AlertEngine build() {
    if (buildStore == null) {
      throw new IllegalArgumentException("buildStore is required for AlertEngine: call buildStore(store)");
    }
    AlertConfig initial = config != null ? config : alertStore.loadConfig().orElse(AlertConfig.defaults());
    var problems = initial.problems(channels);
    if (!problems.isEmpty()) {
      throw new InvalidAlertConfigException(problems);
    }
    return new AlertEngine(this, initial);
  }
}

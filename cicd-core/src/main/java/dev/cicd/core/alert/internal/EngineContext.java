package dev.cicd.core.alert.internal;

import dev.cicd.core.alert.AlertConfig;
import dev.cicd.core.alert.AlertStore;
import dev.cicd.core.alert.DefaultBranchResolver;
import dev.cicd.core.store.BuildStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

/** What the engine's parts share. */
public record EngineContext(BuildStore builds, AlertStore store, Clock clock, DefaultBranchResolver branches,
    HistoryLoader loader, Supplier<AlertConfig> config, Set<String> channels, Duration lookback, int maxScan) {}

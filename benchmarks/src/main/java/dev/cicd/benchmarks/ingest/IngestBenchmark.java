package dev.cicd.benchmarks.ingest;

import dev.cicd.benchmarks.ingest.IngestServer.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Webhook ingest benchmark. For every repetition and store it measures, each on a fresh server process
 * and a fresh database: the real stack with the webhook inbox ({@code inbox}), without it ({@code real}), and the
 * floor (and once per repetition HTTP + HMAC alone) at the highest rate (closed loop) and at half of it (open
 * loop), then checks the stored delivery rows against the acknowledged deliveries (see
 * {@link Measurement#consistent()}). With the inbox it also reports the merge's own rate at the highest rate and
 * how long the backlog took to merge. Prints every run and then medians, spreads and ratios to the floor.
 *
 * <p>Arguments (all optional): {@code --stores h2,pg --modes inbox,real,floor --seconds 20 --warmup 5
 * --reps 3 --connections 16 --per-build 4 --pg-settings max_wal_size=8GB} (deliveries per build: 4 = three jobs and
 * the run, sent back to back; 1 = a build each; PostgreSQL server settings for the run, reset afterwards: see
 * {@link PostgresSettings}).
 */
public final class IngestBenchmark {
  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    List<String> stores = List.of(options.getOrDefault("stores", "h2,pg").split(","));
    Duration measure = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "20")));
    Duration warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "5")));
    int reps = Integer.parseInt(options.getOrDefault("reps", "3"));
    int connections = Integer.parseInt(options.getOrDefault("connections", "16"));
    int perBuild = Integer.parseInt(options.getOrDefault("per-build", "4"));
    List<Mode> modes = Stream.of(options.getOrDefault("modes", "inbox,real,floor").split(","))
        .map(m -> Mode.valueOf(m.toUpperCase(Locale.ROOT))).toList();
    if (!modes.contains(Mode.FLOOR)) {
      throw new IllegalArgumentException("--modes must include floor, the measure of every ratio");
    }
    if (stores.contains("pg") && !Database.postgresProblem().isEmpty()) {
      throw new IllegalStateException("PostgreSQL does not answer at " + Database.PG_URL + ": "
          + Database.postgresProblem());
    }
    String pgSettings = options.getOrDefault("pg-settings", "");
    if (!pgSettings.isBlank() && !stores.contains("pg")) {
      throw new IllegalArgumentException("--pg-settings needs --stores with pg");
    }
    try (PostgresSettings settings = PostgresSettings.apply(pgSettings)) {
      System.out.printf(Locale.ROOT, "# ingest benchmark %s: %d cores, java %s, %s; %d connections, warm-up %s, "
          + "measure %s, %d repetitions, %d deliveries per build, client %s; PostgreSQL: %s%n", Instant.now(),
          Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
          System.getProperty("os.name"), connections, warmup, measure, reps, perBuild, DeliverySender.configured(),
          stores.contains("pg") ? settings.describe() : "not used");
      run(stores, modes, reps, connections, perBuild, warmup, measure);
    }
  }

  private static void run(List<String> stores, List<Mode> modes, int reps, int connections, int perBuild,
      Duration warmup, Duration measure) throws Exception {
    Map<String, List<Measurement>> all = new LinkedHashMap<>();
    Path work = Files.createTempDirectory("ingest-bench");
    for (int rep = 1; rep <= reps; rep++) {
      for (String store : stores) {
        for (Mode mode : modes) {
          Measurement m = IngestRun.measure(mode, store, work, rep, connections, perBuild, warmup, measure);
          all.computeIfAbsent(m.label(), k -> new ArrayList<>()).add(m);
        }
      }
      Measurement hmac = IngestRun.measure(Mode.HMAC, "h2", work, rep, connections, perBuild, warmup,
          measure);
      all.computeIfAbsent(hmac.label(), k -> new ArrayList<>()).add(hmac);
    }
    System.out.println();
    System.out.println("| configuration | max deliveries/s, median (min–max) | p50 / p99 ms at half max, median "
        + "(p99 min–max) | server CPU ms per delivery at max, median (min–max) | PostgreSQL CPU ms per delivery, "
        + "median | load generator CPU ms per delivery, median | PostgreSQL WAL bytes per delivery, median "
        + "| stored = acknowledged |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    all.forEach((label, runs) -> System.out.println(Measurement.row(label, runs)));
    System.out.println();
    for (String store : stores) {
      for (Mode mode : modes) {
        if (mode != Mode.FLOOR) {
          ratios(store, mode.name().toLowerCase(Locale.ROOT), all);
        }
      }
    }
  }

  private static void ratios(String store, String mode, Map<String, List<Measurement>> all) {
    List<Measurement> real = all.get(mode + " " + store); // the mode measured against the floor
    List<Measurement> floor = all.get("floor " + store);
    List<Double> ratios = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    List<Double> machine = new ArrayList<>();
    for (int i = 0; i < real.size(); i++) {
      ratios.add(real.get(i).max().rate() / floor.get(i).max().rate());
      cpu.add(real.get(i).cpu().server() / floor.get(i).cpu().server());
      machine.add(real.get(i).cpu().machine() / floor.get(i).cpu().machine());
    }
    System.out.printf(Locale.ROOT, "%s: throughput %s/floor (same repetition) %s, median %.3f; server CPU per "
        + "delivery %s/floor %s, median %.1f; machine CPU per delivery (server + database + load generator) "
        + "%s/floor %s, median %.1f%n", store, mode, format(ratios), Measurement.median(ratios), mode, format(cpu),
        Measurement.median(cpu), mode, format(machine), Measurement.median(machine));
    List<Double> merged = real.stream().map(m -> m.merge().rate()).toList();
    if (!merged.stream().allMatch(r -> r.isNaN())) {
      List<Double> mergedRatio = new ArrayList<>();
      for (int i = 0; i < real.size(); i++) {
        mergedRatio.add(merged.get(i) / floor.get(i).max().rate());
      }
      System.out.printf(Locale.ROOT, "%s: %s merged per second while acknowledging at max %s, median %.0f; "
          + "merged/floor %s, median %.3f; backlog merged after the half-rate run in %s s%n", store, mode,
          format(merged), Measurement.median(merged), format(mergedRatio), Measurement.median(mergedRatio),
          format(real.stream().map(m -> m.merge().drainSeconds()).toList()));
    }
  }

  private static List<String> format(List<Double> values) {
    return values.stream().map(v -> String.format(Locale.ROOT, "%.3f", v)).toList();
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("options are --name value, but got '" + args[i] + "'");
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }
}

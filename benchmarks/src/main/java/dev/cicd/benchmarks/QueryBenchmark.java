package dev.cicd.benchmarks;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.metrics.BuildSummary;
import dev.cicd.core.metrics.MetricsQuery;
import dev.cicd.core.store.BuildQuery;
import dev.cicd.store.jpa.JpaBuildStore;
import dev.cicd.store.jpa.JpaStoreConfig;
import dev.cicd.store.jpa.internal.StoreDatabase;
import dev.cicd.store.jpa.internal.Terms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * Times the store's {@code summarize()} for a 30-day window and the first page of the builds listing
 * over 1,000,000 builds, on H2 and on PostgreSQL, against hand-written SQL measured in the same run,
 * and checks that both give the same numbers. Run by hand (see benchmarks/README.md):
 *
 * <pre>java -cp ... dev.cicd.benchmarks.QueryBenchmark [h2|postgres|both] [builds] [--reload]</pre>
 *
 * Data stays in {@code benchmarks/target/bench-h2} and in schema {@code cicd_bench} for later runs.
 */
public final class QueryBenchmark {
  static final int WARMUP = 3;
  static final int RUNS = 10;
  private static final String PG_URL = env("CICD_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String PG_USER = env("CICD_TEST_PG_USER", "postgres");
  private static final String PG_PASSWORD = env("CICD_TEST_PG_PASSWORD", "");
  private static final String PG_SCHEMA = "cicd_bench";
  private static final String STORE = "summarize() 30 days, store";
  private static final String HAND = "30 days, hand-written SQL (7 queries)";
  private static final String NAIVE = "30 days, naive Java aggregation";
  /**
   * The stores' clock stands at the end of the history, as a live dashboard's does: the last three days
   * of every window are read from the database each time, only older days can come from the cache.
   */
  static final java.time.Clock NOW = java.time.Clock.fixed(BenchData.END, java.time.ZoneOffset.UTC);
  private static final String UNCACHED = "summarize() 30 days, store without summary cache";

  private QueryBenchmark() {}

  public static void main(String[] args) throws Exception {
    String target = args.length > 0 ? args[0] : "both";
    int builds = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    boolean reload = Arrays.asList(args).contains("--reload");
    System.out.printf("Machine: %d cores, %s %s, Java %s, max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20);
    BenchData data = new BenchData(builds);
    if (!target.equals("postgres")) {
      JpaBuildStore store = h2(data, reload);
      run("H2", store, h2Config().summaryCacheRows(0).build(), data);
    }
    if (!target.equals("h2")) {
      JpaBuildStore store = postgres(data, reload);
      run("PostgreSQL", store, pgConfig().summaryCacheRows(0).build(), data);
    }
  }

  /** The loaded H2 database, without loading anything. */
  static JpaBuildStore openH2() {
    return JpaBuildStore.create(h2Config().build());
  }

  /** The loaded PostgreSQL schema, without loading anything. */
  static JpaBuildStore openPostgres() {
    return JpaBuildStore.create(pgConfig().build());
  }

  private static JpaStoreConfig.Builder h2Config() {
    Path dir = Path.of(System.getProperty("bench.h2.dir", "benchmarks/target/bench-h2"));
    return JpaStoreConfig.builder().jdbcUrl(JpaStoreConfig.h2Url(dir) + ";OPTIMIZE_REUSE_RESULTS=FALSE")
        .username("sa").password("").clock(NOW);
  }

  private static JpaStoreConfig.Builder pgConfig() {
    return JpaStoreConfig.builder().jdbcUrl(pgUrl(false)).username(PG_USER).password(PG_PASSWORD).clock(NOW);
  }

  private static JpaBuildStore h2(BenchData data, boolean reload) throws Exception {
    Path dir = Path.of(System.getProperty("bench.h2.dir", "benchmarks/target/bench-h2"));
    if (reload && Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    // H2 returns a cached result when the same statement runs again with the same parameters on
    // unchanged tables; a dashboard's sliding window never does, so the benchmark turns that off.
    Files.createDirectories(dir);
    JpaBuildStore store = JpaBuildStore.create(h2Config().build());
    if (store.count() != data.builds) {
      load(store, data, StoreDatabase.Kind.H2, "ANALYZE");
    }
    return store;
  }

  private static JpaBuildStore postgres(BenchData data, boolean reload) throws Exception {
    try (Connection c = pgConnection(false); Statement s = c.createStatement()) {
      if (reload) {
        s.execute("DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE");
      }
      s.execute("CREATE SCHEMA IF NOT EXISTS " + PG_SCHEMA);
    }
    JpaBuildStore store = JpaBuildStore.create(pgConfig().build());
    if (store.count() != data.builds) {
      load(store, data, StoreDatabase.Kind.POSTGRESQL, "VACUUM ANALYZE");
    }
    return store;
  }

  private static void load(JpaBuildStore store, BenchData data, StoreDatabase.Kind kind, String analyze)
      throws Exception {
    if (store.count() != 0) {
      throw new IllegalStateException("the benchmark database holds " + store.count() + " builds, not "
          + data.builds + ": rerun with --reload");
    }
    System.out.printf("Loading %,d builds into %s ...%n", data.builds, kind);
    long start = System.nanoTime();
    Terms terms = new Terms(new StoreDatabase(store.dataSource(), kind, JpaStoreConfig.DEFAULT_TABLE_PREFIX));
    try (Connection c = kind == StoreDatabase.Kind.POSTGRESQL ? pgConnection(true) : store.dataSource().getConnection()) {
      if (kind == StoreDatabase.Kind.H2) {
        try (Statement s = c.createStatement()) {
          s.execute("SET CACHE_SIZE 262144");
        }
      }
      new BulkLoader(terms, JpaStoreConfig.DEFAULT_TABLE_PREFIX).load(c, data, data.deployments(10_000));
      try (Statement s = c.createStatement()) {
        s.execute(analyze);
      }
    }
    System.out.printf("Loaded in %.0f s%n", (System.nanoTime() - start) / 1e9);
  }

  private static void run(String name, JpaBuildStore store, JpaStoreConfig uncachedConfig, BenchData data)
      throws Exception {
    String load = loadAverage();
    try (store; JpaBuildStore uncached = JpaBuildStore.create(uncachedConfig)) {
      verifySample(store, data);
      MetricsQuery d30 = MetricsQuery.last(Duration.ofDays(30), BenchData.END);
      boolean postgres = name.equals("PostgreSQL");
      HandWrittenSql sql = new HandWrittenSql(JpaStoreConfig.DEFAULT_TABLE_PREFIX, postgres, false);
      HandWrittenSql exact = new HandWrittenSql(JpaStoreConfig.DEFAULT_TABLE_PREFIX, postgres, true);
      long from = HandWrittenSql.nanos(d30.from());
      long to = HandWrittenSql.nanos(d30.to());
      NaiveJavaAggregation naive = new NaiveJavaAggregation(JpaStoreConfig.DEFAULT_TABLE_PREFIX);
      BuildSummary[] fast = new BuildSummary[1];
      HandWrittenSql.Result[] hand = new HandWrittenSql.Result[2];
      Map<String, Callable<?>> summaries = new LinkedHashMap<>();
      summaries.put(STORE, () -> fast[0] = store.summarize(d30));
      summaries.put(HAND, () -> {
        try (Connection c = store.dataSource().getConnection()) {
          hand[0] = sql.run(c, from, to);
        }
        return hand[0];
      });
      summaries.put(NAIVE, () -> {
        try (Connection c = store.dataSource().getConnection()) {
          return naive.run(c, from, to);
        }
      });
      summaries.put(UNCACHED, () -> uncached.summarize(d30));
      summaries.put("summarize() 30 days, repository filter", () -> store.summarize(d30.withRepository(
          BenchData.repository(57))));
      summaries.put("summarize() 30 days, branch filter", () -> store.summarize(d30.withBranch("develop")));
      summaries.put("summarize() 7 days", () -> store.summarize(MetricsQuery.last(Duration.ofDays(7),
          BenchData.END)));
      summaries.put("summarize() 90 days", () -> store.summarize(MetricsQuery.last(Duration.ofDays(90),
          BenchData.END)));
      Map<String, Double> results = new LinkedHashMap<>(interleaved(summaries));
      long exactStart = System.nanoTime();
      try (Connection c = store.dataSource().getConnection()) {
        hand[1] = exact.run(c, from, to);
      }
      results.put("30 days, hand-written SQL, nearest rank by ROW_NUMBER (1 run)",
          (System.nanoTime() - exactStart) / 1e6);
      Map<String, Callable<?>> listings = new LinkedHashMap<>();
      for (Map.Entry<String, BuildQuery> listing : listings().entrySet()) {
        listings.put("list() first page, " + listing.getKey(), () -> store.list(listing.getValue()));
      }
      results.putAll(interleaved(listings));
      System.out.printf("%n%s, %,d builds in the store, %,d in the 30-day window (load average at start: %s)%n",
          name, store.count(), fast[0].builds().total(), load);
      results.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-48s %8.1f ms%n", k, v));
      System.out.printf(Locale.ROOT, "  hand-written SQL / store: %.1fx, naive Java aggregation / store: %.1fx;"
          + " without the cache: %.1fx and %.1fx%n", results.get(HAND) / results.get(STORE),
          results.get(NAIVE) / results.get(STORE), results.get(HAND) / results.get(UNCACHED),
          results.get(NAIVE) / results.get(UNCACHED));
      report("hand-written SQL (PERCENTILE_DISC)", SummaryComparison.compare(fast[0], hand[0]));
      report("hand-written SQL (nearest rank by ROW_NUMBER)", SummaryComparison.compare(fast[0], hand[1]));
      System.out.printf(Locale.ROOT, "  30-day summary: success rate %.4f, p50 %d ms, p95 %d ms, queue p95 %d ms,"
              + " MTTR %.0f ms, flaky %d, deployments %d%n", fast[0].successRate(), fast[0].durationMs().p50(),
          fast[0].durationMs().p95(), fast[0].queueMs().p95(), fast[0].mttrMs(), fast[0].flakyBuilds(),
          fast[0].dora().deployments());
    }
  }

  private static void report(String what, List<String> differences) {
    System.out.println(differences.isEmpty() ? "  numbers: store summary equals the " + what
        : "  numbers DIFFER from the " + what + " in " + differences.size() + " fields, e.g. "
            + differences.subList(0, Math.min(3, differences.size())));
  }

  static Map<String, BuildQuery> listings() {
    Map<String, BuildQuery> queries = new LinkedHashMap<>();
    queries.put("no filter", BuildQuery.firstPage());
    queries.put("repository", BuildQuery.builder().repository(BenchData.repository(57)).build());
    queries.put("workflow", BuildQuery.builder().workflow("Release").build());
    queries.put("branch feature/1000", BuildQuery.builder().branch("feature/1000").build());
    queries.put("status in_progress", BuildQuery.builder().status(BuildStatus.IN_PROGRESS).build());
    queries.put("conclusion failure", BuildQuery.builder().conclusion(Conclusion.FAILURE).build());
    queries.put("conclusion neutral (rare)", BuildQuery.builder().conclusion(Conclusion.NEUTRAL).build());
    queries.put("event pull_request", BuildQuery.builder().event("pull_request").build());
    queries.put("repository + conclusion failure",
        BuildQuery.builder().repository(BenchData.repository(57)).conclusion(Conclusion.FAILURE).build());
    queries.put("repository + branch develop",
        BuildQuery.builder().repository(BenchData.repository(57)).branch("develop").build());
    return queries;
  }

  /**
   * Median of {@value #RUNS} timed runs after {@value #WARMUP} warm-up runs, in milliseconds, for each
   * piece of work; the runs are interleaved (a, b, c, a, b, c, ...) so that load from other processes
   * affects all alike.
   */
  static Map<String, Double> interleaved(Map<String, Callable<?>> work) throws Exception {
    Map<String, double[]> times = new LinkedHashMap<>();
    work.keySet().forEach(k -> times.put(k, new double[RUNS]));
    for (int run = -WARMUP; run < RUNS; run++) {
      for (Map.Entry<String, Callable<?>> w : work.entrySet()) {
        long start = System.nanoTime();
        w.getValue().call();
        if (run >= 0) {
          times.get(w.getKey())[run] = (System.nanoTime() - start) / 1e6;
        }
      }
    }
    Map<String, Double> medians = new LinkedHashMap<>();
    times.forEach((k, ms) -> {
      Arrays.sort(ms);
      medians.put(k, (ms[RUNS / 2 - 1] + ms[RUNS / 2]) / 2);
    });
    return medians;
  }

  private static void verifySample(JpaBuildStore store, BenchData data) {
    List<Integer> sample = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      sample.add((int) ((long) data.builds * i / 20) + i);
    }
    sample.add(data.builds - 1);
    for (int i : sample) {
      Build expected = data.build(i).withVersion(1);
      Build stored = store.find(expected.id()).orElseThrow();
      if (!stored.equals(expected)) {
        throw new IllegalStateException("bulk-loaded build " + i + " differs from the store's mapping:\n" + stored
            + "\n" + expected);
      }
    }
  }

  private static String pgUrl(boolean batched) {
    return PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + PG_SCHEMA
        + (batched ? "&reWriteBatchedInserts=true" : "");
  }

  private static Connection pgConnection(boolean batched) throws Exception {
    Properties props = new Properties();
    props.setProperty("user", PG_USER);
    props.setProperty("password", PG_PASSWORD);
    return DriverManager.getConnection(pgUrl(batched), props);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

}

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
      run("H2", h2(data, reload), data);
    }
    if (!target.equals("h2")) {
      run("PostgreSQL", postgres(data, reload), data);
    }
  }

  private static JpaBuildStore h2(BenchData data, boolean reload) throws Exception {
    Path dir = Path.of(System.getProperty("bench.h2.dir", "benchmarks/target/bench-h2"));
    if (reload && Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    JpaBuildStore store = JpaBuildStore.h2(dir);
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
    JpaBuildStore store = JpaBuildStore.create(JpaStoreConfig.builder().jdbcUrl(pgUrl(false)).username(PG_USER)
        .password(PG_PASSWORD).build());
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
      new BulkLoader(terms, JpaStoreConfig.DEFAULT_TABLE_PREFIX).load(c, data, data.deployments(10_000));
      try (Statement s = c.createStatement()) {
        s.execute(analyze);
      }
    }
    System.out.printf("Loaded in %.0f s%n", (System.nanoTime() - start) / 1e9);
  }

  private static void run(String name, JpaBuildStore store, BenchData data) throws Exception {
    try (store) {
      verifySample(store, data);
      MetricsQuery d30 = MetricsQuery.last(Duration.ofDays(30), BenchData.END);
      boolean postgres = name.equals("PostgreSQL");
      HandWrittenSql sql = new HandWrittenSql(JpaStoreConfig.DEFAULT_TABLE_PREFIX, postgres);
      long from = HandWrittenSql.nanos(d30.from());
      long to = HandWrittenSql.nanos(d30.to());
      Map<String, Double> results = new LinkedHashMap<>();
      BuildSummary[] fast = new BuildSummary[1];
      HandWrittenSql.Result[] hand = new HandWrittenSql.Result[1];
      results.put("summarize() 30 days, store", time(() -> fast[0] = store.summarize(d30)));
      results.put("30 days, hand-written SQL (7 queries)", time(() -> {
        try (Connection c = store.dataSource().getConnection()) {
          hand[0] = sql.run(c, from, to);
        }
        return hand[0];
      }));
      results.put("summarize() 30 days, repository filter", time(() -> store.summarize(d30.withRepository(
          BenchData.repository(57)))));
      results.put("summarize() 30 days, branch filter", time(() -> store.summarize(d30.withBranch("develop"))));
      results.put("summarize() 7 days", time(() -> store.summarize(MetricsQuery.last(Duration.ofDays(7),
          BenchData.END))));
      results.put("summarize() 90 days", time(() -> store.summarize(MetricsQuery.last(Duration.ofDays(90),
          BenchData.END))));
      for (Map.Entry<String, BuildQuery> listing : listings().entrySet()) {
        results.put("list() first page, " + listing.getKey(), time(() -> store.list(listing.getValue())));
      }
      System.out.printf("%n%s, %,d builds in the store, %,d in the 30-day window%n", name, store.count(),
          fast[0].builds().total());
      results.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-48s %8.1f ms%n", k, v));
      double ratio = results.get("30 days, hand-written SQL (7 queries)") / results.get("summarize() 30 days, store");
      System.out.printf(Locale.ROOT, "  hand-written SQL / store: %.1fx%n", ratio);
      List<String> differences = SummaryComparison.compare(fast[0], hand[0]);
      System.out.println(differences.isEmpty() ? "  numbers: store summary equals the hand-written SQL"
          : "  numbers DIFFER from the hand-written SQL: " + differences);
      System.out.printf(Locale.ROOT, "  30-day summary: success rate %.4f, p50 %d ms, p95 %d ms, queue p95 %d ms,"
              + " MTTR %.0f ms, flaky %d, deployments %d%n", fast[0].successRate(), fast[0].durationMs().p50(),
          fast[0].durationMs().p95(), fast[0].queueMs().p95(), fast[0].mttrMs(), fast[0].flakyBuilds(),
          fast[0].dora().deployments());
    }
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

  /** Median of {@value #RUNS} timed runs after {@value #WARMUP} warm-up runs, in milliseconds. */
  static double time(Callable<?> work) throws Exception {
    for (int i = 0; i < WARMUP; i++) {
      work.call();
    }
    double[] ms = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      work.call();
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    return (ms[RUNS / 2 - 1] + ms[RUNS / 2]) / 2;
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

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

}

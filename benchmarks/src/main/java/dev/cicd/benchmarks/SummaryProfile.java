package dev.cicd.benchmarks;

import dev.cicd.core.metrics.MetricsQuery;
import dev.cicd.store.jpa.JpaBuildStore;
import dev.cicd.store.jpa.JpaStoreConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

/**
 * Runs one summary repeatedly against the benchmark data with the store's section timings logged
 * ({@code -Dorg.slf4j.simpleLogger.log.dev.cicd.store.jpa.internal.metrics=debug}).
 *
 * <p>Arguments: {@code h2|postgres}, window days (30), optional repository, optional branch.
 */
public final class SummaryProfile {
  private SummaryProfile() {}

  public static void main(String[] args) {
    boolean h2 = args.length == 0 || args[0].equals("h2");
    int days = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    MetricsQuery query = MetricsQuery.last(Duration.ofDays(days), BenchData.END)
        .withRepository(args.length > 2 && !args[2].isEmpty() ? args[2] : null)
        .withBranch(args.length > 3 ? args[3] : null);
    String pg = System.getenv().getOrDefault("CICD_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    Path dir = Path.of(System.getProperty("bench.h2.dir", "benchmarks/target/bench-h2"));
    JpaStoreConfig config = (h2
        ? JpaStoreConfig.builder().jdbcUrl(JpaStoreConfig.h2Url(dir) + ";OPTIMIZE_REUSE_RESULTS=FALSE").username("sa")
        : JpaStoreConfig.builder().jdbcUrl(pg + (pg.contains("?") ? "&" : "?") + "currentSchema=cicd_bench")
            .username(System.getenv().getOrDefault("CICD_TEST_PG_USER", "postgres")))
        .clock(Clock.fixed(BenchData.END, ZoneOffset.UTC))
        .summaryCacheRows(Boolean.getBoolean("nocache") ? 0 : JpaStoreConfig.DEFAULT_SUMMARY_CACHE_ROWS)
        .build();
    try (JpaBuildStore store = JpaBuildStore.create(config)) {
      for (int i = 0; i < 8; i++) {
        long start = System.nanoTime();
        store.summarize(query);
        System.out.printf("run %d: %.1f ms%n", i, (System.nanoTime() - start) / 1e6);
      }
    }
  }
}
